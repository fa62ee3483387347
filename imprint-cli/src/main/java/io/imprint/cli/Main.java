package io.imprint.cli;

import io.imprint.protocol.problem.ImprintException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code imprint} command. */
@Command(name = "imprint", mixinStandardHelpOptions = true, version = "imprint 0.1.0",
        description = "Secure manufacturing provisioning for IoT devices (i.MX CAAM manufacturing protection; keys in PKCS#11 HSMs).",
        subcommands = {DemoCommand.class, InitCommand.class, ServerCommand.class, ProductCommand.class, OrderCommand.class,
                DeviceCommand.class, MpCommand.class, BundleCommand.class, ReceiptsCommand.class, BenchCommand.class,
                AuditCommand.class, UnitCommand.class,
                AdminCommand.class, ReportCommand.class, HelpCommand.class},
        footer = {"%nExamples:", "  imprint demo", "  imprint help order create"})
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs one command line and returns the exit code (tests call this). */
    public static int run(String... args) {
        return run(new CommandLine(new Main()), args);
    }

    /** Runs one command line writing to the given streams (tests capture output this way). */
    public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        return run(cli, args);
    }

    private static int run(CommandLine cli, String... args) {
        // "@FILE" is a key-store config file (KeyStores.open), not a picocli argument file: expanding it
        // ran the file's lines as arguments and echoed them, PIN included.
        cli.setExpandAtFiles(false);
        cli.setParameterExceptionHandler(new ParameterErrors());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("imprint: " + Redaction.secrets(oneLine(e), args));
            return e instanceof ImprintException ? 2 : 1;
        });
        return cli.execute(args);
    }

    /**
     * One line for the terminal: the domain code and detail (and the server's correlation id when a
     * remote refusal carried one), or the exception's message; never a stack trace.
     */
    static String oneLine(Throwable e) {
        if (e instanceof ImprintException ie) {
            String line = ie.code().slug() + ": " + String.valueOf(ie.detail()).replace('\n', ' ');
            return ie.correlationId() == null ? line : line + " (correlation id " + ie.correlationId() + ")";
        }
        String msg = e.getMessage();
        Throwable cause = e.getCause();
        if ((msg == null || msg.isBlank()) && cause != null) {
            return oneLine(cause);
        }
        String text = msg == null ? e.getClass().getSimpleName() : msg;
        return text.replace('\n', ' ');
    }
}
