package io.imprint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * Every command and subcommand of {@code imprint} explains itself: a description, {@code --help},
 * every option and parameter described, and an "Examples:" footer whose command lines parse as
 * that command (so renaming an option without its example fails here).
 */
class CommandTreeHelpTest {
    /** Footer lines longer than this are wrapped by picocli mid-word; examples continue with " \". */
    private static final int MAX_FOOTER_LINE = 80;

    private static CommandLine root() {
        CommandLine cli = new CommandLine(Main.class);
        cli.setExpandAtFiles(false);
        return cli;
    }

    private static List<CommandLine> tree(CommandLine c) {
        List<CommandLine> out = new ArrayList<>(List.of(c));
        c.getSubcommands().values().stream().distinct().forEach(sub -> out.addAll(tree(sub)));
        return out;
    }

    @Test
    void everyCommand_descriptionHelpExamplesAndEveryArgumentDescribed() {
        List<String> problems = new ArrayList<>();
        List<CommandLine> commands = tree(root());
        for (CommandLine c : commands) {
            CommandSpec spec = c.getCommandSpec();
            String name = spec.qualifiedName();
            if (text(spec.usageMessage().description()).isBlank()) {
                problems.add(name + ": no description");
            }
            if (!spec.optionsMap().containsKey("--help")) {
                problems.add(name + ": no --help");
            }
            if (examples(spec).isEmpty()) {
                problems.add(name + ": no 'Examples:' footer with an 'imprint ...' line");
            }
            for (String line : spec.usageMessage().footer()) {
                if (line.length() > MAX_FOOTER_LINE) {
                    problems.add(name + ": footer line longer than " + MAX_FOOTER_LINE + ": " + line);
                }
            }
            List<ArgSpec> args = new ArrayList<>(spec.options());
            args.addAll(spec.positionalParameters());
            for (ArgSpec arg : args) {
                if (text(arg.description()).isBlank()) {
                    problems.add(name + " " + (arg.isOption()
                            ? ((CommandLine.Model.OptionSpec) arg).longestName() : arg.paramLabel()) + ": no description");
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(commands).extracting(c -> c.getCommandSpec().qualifiedName())
                .contains("imprint unit authorize-reprovision", "imprint help", "imprint order create");
    }

    @Test
    void everyExample_parsesAsTheCommandItIllustrates() {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        CommandLine parser = root(); // parseArgs starts from the defaults each time
        for (CommandLine c : tree(parser)) {
            List<String> path = path(c.getCommandSpec());
            for (String example : examples(c.getCommandSpec())) {
                List<String> words = words(example);
                try {
                    ParseResult parsed = parser.parseArgs(words.subList(1, words.size()).toArray(String[]::new));
                    List<String> ran = new ArrayList<>();
                    for (ParseResult r = parsed.subcommand(); r != null; r = r.subcommand()) {
                        ran.add(r.commandSpec().name());
                    }
                    if (ran.size() < path.size() || !ran.subList(0, path.size()).equals(path)) {
                        problems.add(example + ": runs " + ran + ", not " + path);
                    }
                    checked++;
                } catch (CommandLine.ParameterException e) {
                    problems.add(example + ": " + e.getMessage());
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(checked).isGreaterThan(40);
    }

    @Test
    void unitHelp_exitsZeroAndPrintsUsage() {
        CliRun run = CliRun.of("unit", "--help");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("Usage: imprint unit ").contains("authorize-reprovision").contains("Examples:");
    }

    @Test
    void helpOrderCreate_exitsZeroAndPrintsUsageOfOrderCreate() {
        CliRun run = CliRun.of("help", "order", "create");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("Usage: imprint order create ").contains("--serial-mode")
                .contains("Examples:").contains("  imprint order create --data-dir");
    }

    @Test
    void help_withoutCommand_printsUsageOfImprint() {
        CliRun run = CliRun.of("help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Usage: imprint ").contains("help").contains("order");
    }

    @Test
    void help_unknownSubcommand_exitsTwoNamingItAndTheChoices() {
        CliRun run = CliRun.of("help", "order", "nope");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("imprint: Unknown command 'nope' of 'order'; commands: create, list, open");
    }

    /** The example command lines of a footer: after "Examples:", lines starting "imprint", joined over " \". */
    private static List<String> examples(CommandSpec spec) {
        List<String> out = new ArrayList<>();
        boolean inExamples = false;
        StringBuilder current = null;
        for (String raw : spec.usageMessage().footer()) {
            String line = raw.replace("%n", "").strip();
            if (line.equals("Examples:")) {
                inExamples = true;
                continue;
            }
            if (!inExamples) {
                continue;
            }
            if (current == null && line.startsWith("imprint ")) {
                current = new StringBuilder();
            }
            if (current != null) {
                boolean continues = line.endsWith("\\");
                current.append(continues ? line.substring(0, line.length() - 1) : line).append(' ');
                if (!continues) {
                    out.add(current.toString().strip());
                    current = null;
                }
            }
        }
        return out;
    }

    private static List<String> path(CommandSpec spec) {
        List<String> words = new ArrayList<>(Arrays.asList(spec.qualifiedName().split(" ")));
        return words.subList(1, words.size());
    }

    /** Shell-like words: quotes group, an unquoted # > | ; or && ends the command. */
    private static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quote != 0) {
                if (ch == quote) {
                    quote = 0;
                } else {
                    word.append(ch);
                }
            } else if (ch == '\'' || ch == '"') {
                quote = ch;
                word = word == null ? new StringBuilder() : word;
            } else if (Character.isWhitespace(ch)) {
                if (word != null) {
                    out.add(word.toString());
                    word = null;
                }
            } else if ("#>|;&".indexOf(ch) >= 0 && word == null) {
                break;
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(ch);
            }
        }
        if (word != null) {
            out.add(word.toString());
        }
        return out;
    }

    private static String text(String[] lines) {
        return String.join(" ", lines);
    }
}
