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
        cli.registerConverter(java.time.Instant.class, Main::instant);
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
        String network = network(e);
        if (network != null) {
            return network;
        }
        String msg = e.getMessage();
        Throwable cause = e.getCause();
        if ((msg == null || msg.isBlank()) && cause != null) {
            return oneLine(cause);
        }
        String text = msg == null ? e.getClass().getSimpleName() : msg;
        if (e instanceof javax.net.ssl.SSLException) {
            // JSSE prefixes the TLS alert, "(certificate_unknown) ...": the sentence after it is the news.
            if (text.contains("certificate_required")) {
                return "the server asks for a client certificate: this is the admin (mTLS) port, not the device API";
            }
            text = "TLS: " + text.replaceFirst("^\\([a-z_]+\\)\\s*", "");
        }
        return text.replace('\n', ' ');
    }

    /** A connection that could not be made, said as such (the JDK's exceptions here often have no message). */
    private static String network(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.nio.channels.UnresolvedAddressException || t instanceof java.net.UnknownHostException) {
                return "cannot connect: unknown host name (check the --server URL)";
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException || t instanceof java.nio.channels.ClosedChannelException) {
                return "cannot connect: nothing answers at that address and port (is the server running? check --server)";
            }
            if (t instanceof java.net.http.HttpTimeoutException || t instanceof java.net.SocketTimeoutException) {
                return "cannot connect: the server did not answer in time";
            }
        }
        return null;
    }

    /** An ISO-8601 instant, said so when it is not one (picocli's message names Java classes). */
    private static java.time.Instant instant(String value) {
        try {
            return java.time.Instant.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw new CommandLine.TypeConversionException(
                    "'" + value + "' is not an ISO-8601 instant such as 2026-01-05T00:00:00Z");
        }
    }
}
