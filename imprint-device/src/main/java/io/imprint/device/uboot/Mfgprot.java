package io.imprint.device.uboot;

import io.imprint.protocol.mp.MpPublicKey;
import io.imprint.protocol.mp.diagnostics.UbootSignTranscript;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * U-Boot's {@code mfgprot} command (arch/arm/mach-imx/cmd_mfgprot.c) on a console: {@code mfgprot pubk}
 * and {@code mfgprot sign <addr> <size>} after writing the message into DRAM with {@code mw.l} (whole
 * little-endian words) and {@code mw.b} (the last 1-3 bytes), several per line. The address is hex,
 * the size decimal (the command reads it with {@code dectoul}). U-Boot prints the message back; it
 * must equal what was written, or the memory is not what it seems and nothing is returned.
 */
public final class Mfgprot {
    /** OP-TEE's PTA limit; U-Boot has none of its own, and a console transfer is slow beyond it. */
    public static final int MAX_MESSAGE_BYTES = 4096;

    private final UbootConsole console;
    private final Optional<Long> loadAddress;

    /**
     * @param loadAddress where the message goes in the board's memory; empty: U-Boot's {@code $loadaddr}
     */
    public Mfgprot(UbootConsole console, Optional<Long> loadAddress) {
        this.console = console;
        this.loadAddress = loadAddress;
    }

    /** Runs {@code mfgprot pubk} and parses the {@code Public key:} line that follows. */
    public MpPublicKey publicKey() throws IOException {
        String out = console.run("mfgprot pubk");
        int at = out.indexOf("Public key:");
        if (at < 0) {
            throw new UbootConsoleException("mfgprot pubk printed no public key (" + said(out) + "): the CAAM refused to"
                    + " make it (MP needs a HAB-enabled U-Boot on an i.MX7/i.MX8M; check the SEC/CAAM lines of the boot log)");
        }
        try {
            return MpPublicKey.parse(out.substring(at));
        } catch (GeneralSecurityException e) {
            throw new UbootConsoleException("mfgprot pubk printed a key Imprint cannot read: " + e.getMessage(), e);
        }
    }

    /** Writes {@code message} into the board's memory and runs {@code mfgprot sign} on it. */
    public UbootSignTranscript sign(byte[] message) throws IOException {
        if (message.length == 0 || message.length > MAX_MESSAGE_BYTES) {
            throw new IllegalArgumentException("an MP message over the console is 1-" + MAX_MESSAGE_BYTES + " bytes, got "
                    + message.length);
        }
        long addr = loadAddress.isPresent() ? loadAddress.get() : boardLoadAddress();
        for (String line : MemoryWrites.lines(addr, message, UbootConsole.MAX_COMMAND_CHARS)) {
            console.run(line);
        }
        String command = "mfgprot sign " + hex(addr) + " " + message.length;
        String out = console.run(command);
        int at = out.indexOf("Message:");
        if (at < 0) {
            throw new UbootConsoleException("mfgprot sign printed no signature (" + said(out) + "): the CAAM job failed"
                    + " (MP needs a HAB-enabled U-Boot on an i.MX7/i.MX8M)");
        }
        UbootSignTranscript t;
        try {
            t = UbootSignTranscript.parse(out.substring(at));
        } catch (IllegalArgumentException e) {
            throw new UbootConsoleException("cannot read the output of mfgprot sign: " + e.getMessage(), e);
        }
        if (!java.util.Arrays.equals(t.message(), message)) {
            throw new UbootConsoleException("the board signed other bytes than were written at " + hex(addr)
                    + ": that memory is not plain RAM, or something else uses it (give another --load-addr)");
        }
        return t;
    }

    /** U-Boot's {@code $loadaddr}: scratch DRAM meant for loading images, free while U-Boot runs. */
    long boardLoadAddress() throws IOException {
        String out = console.run("printenv loadaddr").strip();
        if (!out.startsWith("loadaddr=")) {
            throw new UbootConsoleException("the board has no loadaddr variable: give the message address with --load-addr");
        }
        return parseAddress(out.substring("loadaddr=".length()).strip());
    }

    /** A hex address such as {@code 0x40480000} (prefix optional), below 2^48. */
    public static long parseAddress(String text) throws UbootConsoleException {
        String t = text.toLowerCase(Locale.ROOT);
        t = t.startsWith("0x") ? t.substring(2) : t;
        if (!t.matches("[0-9a-f]{1,12}")) {
            throw new UbootConsoleException("'" + abbreviate(text) + "' is not a hex memory address such as 0x40480000");
        }
        return Long.parseLong(t, 16);
    }

    static String hex(long addr) {
        return "0x" + Long.toHexString(addr);
    }

    private static String said(String out) {
        String last = ConsoleText.lastLine(out);
        return last.isEmpty() ? "nothing after the command" : "last line: '" + last + "'";
    }

    private static String abbreviate(String s) {
        return s.length() > 20 ? s.substring(0, 17) + "..." : s;
    }

    /** The {@code mw} command lines that put bytes at an address. */
    static final class MemoryWrites {
        private MemoryWrites() {
        }

        static List<String> lines(long addr, byte[] bytes, int maxLine) {
            List<String> commands = new ArrayList<>();
            int i = 0;
            for (; i + 4 <= bytes.length; i += 4) {
                // mw.l stores a 32-bit value in the CPU's order: little-endian on i.MX (Cortex-A).
                long word = (bytes[i] & 0xFFL) | (bytes[i + 1] & 0xFFL) << 8 | (bytes[i + 2] & 0xFFL) << 16
                        | (bytes[i + 3] & 0xFFL) << 24;
                commands.add("mw.l " + hex(addr + i) + " " + String.format("%08x", word));
            }
            for (; i < bytes.length; i++) {
                commands.add("mw.b " + hex(addr + i) + " " + HexFormat.of().toHexDigits(bytes[i]));
            }
            List<String> lines = new ArrayList<>();
            StringBuilder line = new StringBuilder();
            for (String c : commands) {
                if (line.length() > 0 && line.length() + 2 + c.length() > maxLine) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                line.append(line.length() > 0 ? "; " : "").append(c);
            }
            if (line.length() > 0) {
                lines.add(line.toString());
            }
            return lines;
        }
    }
}
