package io.imprint.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.ColorScheme;
import picocli.CommandLine.Parameters;

/**
 * {@code imprint help [COMMAND [SUBCOMMAND...]]}: the usage of any command, however deep. Picocli's
 * own {@link CommandLine.HelpCommand} looks up one level only ({@code help order create} would show
 * {@code order}), so this one follows the whole path.
 */
@Command(name = "help", helpCommand = true, mixinStandardHelpOptions = true,
        description = "Shows the usage of a command or subcommand (without one: of imprint itself).",
        footer = {"%nExamples:",
                "  imprint help order create",
                "  imprint help device"})
final class HelpCommand implements CommandLine.IHelpCommandInitializable2, Runnable {
    @Parameters(paramLabel = "COMMAND", arity = "0..*",
            description = "The command, then its subcommands, e.g. 'order create'.")
    List<String> path = new ArrayList<>();

    private CommandLine self;
    private ColorScheme colors;
    private PrintWriter out;

    @Override
    public void init(CommandLine helpCommandLine, ColorScheme colorScheme, PrintWriter outWriter, PrintWriter errWriter) {
        this.self = helpCommandLine;
        this.colors = colorScheme;
        this.out = outWriter;
    }

    @Override
    public void run() {
        CommandLine target = self.getParent();
        for (String name : path) {
            CommandLine sub = target.getSubcommands().get(name);
            if (sub == null) {
                String where = target.getParent() == null ? "" : " of '" + target.getCommandName() + "'";
                throw new CommandLine.ParameterException(self, "Unknown command '" + name + "'" + where
                        + "; commands: " + String.join(", ", target.getSubcommands().keySet()));
            }
            target = sub;
        }
        target.usage(out, colors);
    }
}
