package io.imprint.device.uboot;

import io.imprint.protocol.crypto.Providers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * Drives a board's U-Boot command line over a {@link ConsoleLink}, as a person at a terminal would:
 * stops the autoboot countdown, waits for the prompt, types a command (in short pieces, each echoed
 * back before the next, so a slow UART loses nothing), and returns what the command printed, the echo
 * and the final prompt removed, CR/LF made plain lines. Output may arrive slowly and in fragments.
 *
 * <p>Failures are one line each ({@link UbootConsoleException}): no answer in time, no prompt, a board
 * that booted Linux or crashed, and errors U-Boot prints ({@code Unknown command}, usage). Not
 * thread-safe; one console per port.
 */
public final class UbootConsole implements AutoCloseable {
    /** Longest command line typed ({@code CONFIG_SYS_CBSIZE} is 256 on the smallest boards). */
    public static final int MAX_COMMAND_CHARS = 240;
    /** More output than this for one command is refused. */
    static final int MAX_OUTPUT_CHARS = 256 * 1024;
    private static final int TYPE_CHUNK = 16;
    private static final byte CTRL_C = 0x03;
    private static final Duration QUIET = Duration.ofMillis(300);
    private static final Duration SYNC_ATTEMPT = Duration.ofSeconds(2);

    /**
     * @param prompt U-Boot's prompt ({@code CONFIG_SYS_PROMPT}), {@code "=> "} on i.MX boards
     * @param attachTimeout how long to wait for a prompt when connecting
     * @param commandTimeout how long one command may take until its prompt comes back
     */
    public record Settings(String prompt, Duration attachTimeout, Duration commandTimeout) {
        public Settings {
            if (prompt == null || prompt.isEmpty() || prompt.length() > 32 || !prompt.matches("[\\x20-\\x7e]+")) {
                throw new IllegalArgumentException("prompt must be 1-32 printable ASCII characters");
            }
            Objects.requireNonNull(attachTimeout);
            Objects.requireNonNull(commandTimeout);
            if (attachTimeout.isNegative() || attachTimeout.isZero() || commandTimeout.isNegative() || commandTimeout.isZero()) {
                throw new IllegalArgumentException("time-outs must be positive");
            }
        }

        public static Settings defaults() {
            return new Settings("=> ", Duration.ofSeconds(15), Duration.ofSeconds(10));
        }
    }

    private final ConsoleLink link;
    private final Settings settings;
    private final StringBuilder raw = new StringBuilder();
    private final byte[] readBuffer = new byte[4096];
    private long receivedTotal;

    private UbootConsole(ConsoleLink link, Settings settings) {
        this.link = link;
        this.settings = settings;
    }

    /**
     * Takes the console over: stops the autoboot countdown if it is running, gets a clean prompt.
     * On failure the link is closed.
     *
     * @throws UbootConsoleException when no prompt comes within the attach time-out, saying what arrived instead
     */
    public static UbootConsole attach(ConsoleLink link, Settings settings) throws IOException {
        UbootConsole console = new UbootConsole(link, settings);
        try {
            console.takeOver();
            return console;
        } catch (IOException | RuntimeException e) {
            link.close();
            throw e;
        }
    }

    /** The port, for messages. */
    public String port() {
        return link.describe();
    }

    private void takeOver() throws IOException {
        long deadline = System.nanoTime() + settings.attachTimeout().toNanos();
        long lastByte = System.nanoTime();
        StringBuilder seen = new StringBuilder();
        while (System.nanoTime() - deadline < 0) {
            int n = pump();
            String text = ConsoleText.normalize(raw);
            if (text.contains("to stop autoboot") || text.contains("Autoboot in ")) {
                link.write(new byte[] {CTRL_C});
                break;
            }
            failIfLost(text);
            if (n > 0) {
                lastByte = System.nanoTime();
            } else if (System.nanoTime() - lastByte >= QUIET.toNanos()) {
                break;
            }
        }
        seen.append(raw);
        while (System.nanoTime() - deadline < 0) {
            String marker = "imprint-sync-" + HexFormat.of().formatHex(Providers.randomBytes(4));
            raw.setLength(0);
            link.write(new byte[] {CTRL_C});
            link.write(("echo " + marker + "\r").getBytes(StandardCharsets.US_ASCII));
            long attemptEnd = Math.min(deadline - System.nanoTime(), SYNC_ATTEMPT.toNanos()) + System.nanoTime();
            while (System.nanoTime() - attemptEnd < 0) {
                pump();
                String text = ConsoleText.normalize(raw);
                int at = text.indexOf("\n" + marker + "\n");
                if (at >= 0 && text.endsWith(settings.prompt()) && text.lastIndexOf('\n') > at) {
                    raw.setLength(0);
                    return;
                }
                failIfLost(text);
                if (text.contains("to stop autoboot")) {
                    break; // the board reset meanwhile: Ctrl-C again
                }
            }
            seen.append(raw);
        }
        throw new UbootConsoleException(noPrompt(seen));
    }

    private String noPrompt(CharSequence seen) {
        String what = "within " + settings.attachTimeout().toSeconds() + " s";
        if (receivedTotal == 0) {
            return "no answer from the board on " + link.describe() + " " + what + ": is it powered, is this its"
                    + " console port (TX/RX not swapped) and the baud rate right?";
        }
        if (ConsoleText.looksGarbled(seen)) {
            return "the board on " + link.describe() + " prints unreadable bytes: wrong baud rate? (U-Boot on i.MX: 115200)";
        }
        return "no U-Boot prompt '" + settings.prompt() + "' on " + link.describe() + " " + what + " (last line: '"
                + ConsoleText.lastLine(ConsoleText.normalize(seen)) + "'): is U-Boot running, with another prompt?";
    }

    /**
     * Runs one command line and returns its output (without the echo and the final prompt), lines
     * separated by {@code \n}.
     *
     * @throws UbootConsoleException on a time-out, a lost prompt, or an error U-Boot printed
     */
    public String run(String command) throws IOException {
        return run(command, settings.commandTimeout());
    }

    /** {@link #run(String)} with its own time-out. */
    public String run(String command, Duration timeout) throws IOException {
        if (command.isEmpty() || command.length() > MAX_COMMAND_CHARS || !command.matches("[\\x20-\\x7e]+")) {
            throw new IllegalArgumentException("a command must be 1-" + MAX_COMMAND_CHARS + " printable ASCII characters");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        raw.setLength(0);
        type(command, deadline);
        link.write(new byte[] {'\r'});
        String endOfOutput = "\n" + settings.prompt();
        while (true) {
            pump();
            String text = ConsoleText.normalize(raw);
            int echoEnd = text.indexOf('\n', text.indexOf(command) + command.length());
            if (echoEnd >= 0 && text.endsWith(endOfOutput) && text.length() - endOfOutput.length() >= echoEnd) {
                String output = text.substring(echoEnd + 1, text.length() - endOfOutput.length() + 1);
                String trimmed = output.endsWith("\n") ? output.substring(0, output.length() - 1) : output;
                Optional<String> error = UbootErrors.inOutput(command, trimmed);
                if (error.isPresent()) {
                    throw new UbootConsoleException(error.get());
                }
                return trimmed;
            }
            failIfLost(text);
            if (raw.length() > MAX_OUTPUT_CHARS) {
                throw new UbootConsoleException("the board printed more than " + MAX_OUTPUT_CHARS / 1024 + " KiB for '"
                        + abbreviate(command) + "'");
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new UbootConsoleException("the board did not finish '" + abbreviate(command) + "' within "
                        + timeout.toSeconds() + " s on " + link.describe() + " (no prompt came back; last line: '"
                        + ConsoleText.lastLine(text) + "')");
            }
        }
    }

    /** Types in pieces, each echoed before the next: a UART without flow control drops what it cannot take. */
    private void type(String command, long deadline) throws IOException {
        for (int off = 0; off < command.length(); off += TYPE_CHUNK) {
            String piece = command.substring(off, Math.min(command.length(), off + TYPE_CHUNK));
            link.write(piece.getBytes(StandardCharsets.US_ASCII));
            String typed = command.substring(0, off + piece.length());
            while (!ConsoleText.normalize(raw).contains(typed)) {
                if (System.nanoTime() - deadline >= 0) {
                    String text = ConsoleText.normalize(raw);
                    throw new UbootConsoleException("the board on " + link.describe() + " did not echo '" + abbreviate(typed)
                            + "' (received: '" + ConsoleText.lastLine(text) + "'): characters lost or the board hangs");
                }
                pump();
                failIfLost(ConsoleText.normalize(raw));
            }
        }
    }

    private void failIfLost(String text) throws UbootConsoleException {
        Optional<String> lost = UbootErrors.lostPrompt(text, link.describe());
        if (lost.isPresent()) {
            throw new UbootConsoleException(lost.get());
        }
    }

    /** One read (at most the link's read time-out); appends what came. */
    private int pump() throws IOException {
        int n = link.read(readBuffer);
        if (n > 0) {
            raw.append(new String(readBuffer, 0, n, StandardCharsets.ISO_8859_1));
            receivedTotal += n;
        }
        return n;
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }

    @Override
    public void close() {
        link.close();
    }
}
