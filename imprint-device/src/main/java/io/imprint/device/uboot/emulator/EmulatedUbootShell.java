package io.imprint.device.uboot.emulator;

import io.imprint.device.backend.EmulatedCaamChip;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command line of the emulated U-Boot: line editing with echo, and the commands Imprint uses,
 * printing what U-Boot prints (arch/arm/mach-imx/cmd_mfgprot.c, drivers/crypto/fsl/fsl_mfgprot.c,
 * cmd/mem.c, common/command.c). Output uses {@code \n}; the console turns it into CR/LF as U-Boot's
 * serial driver does. Not thread-safe: the console's one thread drives it.
 */
final class EmulatedUbootShell {
    /** {@code CONFIG_SYS_CBSIZE} of the i.MX8M boards. */
    static final int LINE_MAX = 2048;
    static final String LOAD_ADDR = "0x40480000";
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)}|\\$(\\w+)");
    private static final String MFGPROT_USAGE = "mfgprot - Manufacturing Protection\n\nUsage:\nmfgprot Usage:\n"
            + "Print the public key for Manufacturing Protection\n\tmfgprot pubk\n"
            + "Generates a Manufacturing Protection signature\n\tmfgprot sign <data_addr> <size>\n\n";
    private static final String MW_USAGE = "mw - memory write (fill)\n\nUsage:\nmw [.b, .w, .l, .q] address value [count]\n";

    private final EmulatedCaamChip chip;
    private final EmulatedUbootOptions options;
    private final EmulatedDram dram = new EmulatedDram();
    private final Map<String, String> env = new LinkedHashMap<>();
    private final StringBuilder line = new StringBuilder();
    private boolean lastWasCr;
    private boolean crashed;
    private boolean hung;

    EmulatedUbootShell(EmulatedCaamChip chip, EmulatedUbootOptions options) {
        this.chip = chip;
        this.options = options;
        env.put("bootdelay", Integer.toString(options.bootDelaySeconds()));
        env.put("loadaddr", LOAD_ADDR);
        env.put("fdt_addr_r", "0x43000000");
        env.put("baudrate", "115200");
        env.put("board_name", "imprint-emulated-imx8m");
    }

    /** What the board prints from reset up to the autoboot countdown. */
    String bootLog() {
        return "\nU-Boot 2024.04-imprint (EMULATED U-Boot console: Imprint software emulation, not a board)\n\n"
                + "CPU:   " + chip.description() + "\n"
                + "Model: Imprint emulated i.MX8M board (EMULATION)\n"
                + "DRAM:  2 GiB\n"
                + "In:    serial\nOut:   serial\nErr:   serial\n"
                + "Net:   No ethernet found.\n";
    }

    String prompt() {
        return options.prompt();
    }

    /** Whether the last command crashed the board (it must reset). */
    boolean crashed() {
        return crashed;
    }

    /** Whether the board stopped answering (it hangs until the emulation ends). */
    boolean hung() {
        return hung;
    }

    /** After a reset: an empty line, nothing crashed; memory is kept (DRAM survives a warm reset). */
    void reset() {
        crashed = false;
        line.setLength(0);
        lastWasCr = false;
    }

    /** Feeds one received character; returns what the board prints in answer (echo, output, prompt). */
    String type(char c) {
        boolean afterCr = lastWasCr;
        lastWasCr = c == '\r';
        switch (c) {
            case '\r', '\n' -> {
                if (c == '\n' && afterCr) {
                    return "";
                }
                String cmd = line.toString();
                line.setLength(0);
                String out = execute(cmd);
                return "\n" + out + (crashed || hung ? "" : prompt());
            }
            case 0x03 -> {
                line.setLength(0);
                return "<INTERRUPT>\n" + prompt();
            }
            case 0x08, 0x7F -> {
                if (line.isEmpty()) {
                    return "";
                }
                line.setLength(line.length() - 1);
                return "\b \b";
            }
            default -> {
                if (c < 0x20 || c > 0x7E) {
                    return "";
                }
                if (line.length() >= LINE_MAX - 1) {
                    return "\u0007";
                }
                line.append(c);
                return String.valueOf(c);
            }
        }
    }

    /** Runs a command line: {@code ;}-separated commands, {@code $name} and {@code ${name}} expanded. */
    String execute(String commandLine) {
        StringBuilder out = new StringBuilder();
        for (String part : commandLine.split(";")) {
            String[] argv = expand(part).trim().split("\\s+");
            if (argv[0].isEmpty()) {
                continue;
            }
            out.append(command(argv));
            if (crashed || hung) {
                break;
            }
        }
        return out.toString();
    }

    private String expand(String s) {
        StringBuilder out = new StringBuilder();
        Matcher m = VARIABLE.matcher(s);
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            m.appendReplacement(out, Matcher.quoteReplacement(env.getOrDefault(name, "")));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String command(String[] argv) {
        String name = argv[0];
        String base = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
        return switch (base) {
            case "mfgprot" -> options.fault() == EmulatedUbootOptions.Fault.NO_MFGPROT ? unknown(name) : mfgprot(argv);
            case "mw" -> mw(argv, name);
            case "echo" -> String.join(" ", List.of(argv).subList(1, argv.length)) + "\n";
            case "printenv" -> printenv(argv);
            case "version" -> "U-Boot 2024.04-imprint (EMULATED U-Boot console: Imprint software emulation, not a board)\n";
            case "help" -> "echo      - echo args to console\nhelp      - print command description/usage\n"
                    + (options.fault() == EmulatedUbootOptions.Fault.NO_MFGPROT ? "" : "mfgprot   - Manufacturing Protection\n")
                    + "mw        - memory write (fill)\nprintenv  - print environment variables\nversion   - print monitor, compiler and linker version\n";
            default -> unknown(name);
        };
    }

    private static String unknown(String name) {
        return "Unknown command '" + name + "' - try 'help'\n";
    }

    private String printenv(String[] argv) {
        if (argv.length == 1) {
            StringBuilder out = new StringBuilder();
            env.forEach((k, v) -> out.append(k).append('=').append(v).append('\n'));
            return out.append("\nEnvironment size: ").append(out.length()).append("/65532 bytes\n").toString();
        }
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < argv.length; i++) {
            String v = env.get(argv[i]);
            out.append(v == null ? "## Error: \"" + argv[i] + "\" not defined\n" : argv[i] + "=" + v + "\n");
        }
        return out.toString();
    }

    private String mw(String[] argv, String name) {
        int size = UbootNumbers.dataSize(name);
        if (argv.length < 3 || argv.length > 4 || size < 0) {
            return MW_USAGE;
        }
        long addr = UbootNumbers.hextoul(argv[1]);
        long value = UbootNumbers.hextoul(argv[2]);
        long count = argv.length == 4 ? UbootNumbers.hextoul(argv[3]) : 1;
        if (count > EmulatedDram.MAX_PAGES * 4096L / size || !EmulatedDram.contains(addr, count * size)) {
            return abort(addr);
        }
        byte[] word = new byte[size];
        for (int i = 0; i < size; i++) {
            word[i] = (byte) (value >>> (8 * i)); // little-endian, as the Cortex-A stores it
        }
        try {
            for (long i = 0; i < count; i++) {
                dram.write(addr + i * size, word);
            }
        } catch (IllegalStateException e) {
            return "EMULATION: " + e.getMessage() + "\n";
        }
        return "";
    }

    private String mfgprot(String[] argv) {
        if (argv.length < 2 || argv.length > 4) {
            return MFGPROT_USAGE;
        }
        if (argv[1].equals("pubk")) {
            String out = "\nGenerating Manufacturing Protection Public Key\n";
            if (options.fault() == EmulatedUbootOptions.Fault.HANG) {
                hung = true;
                return out;
            }
            if (options.fault() == EmulatedUbootOptions.Fault.CAAM_FAILURE) {
                return out;
            }
            return out + MfgprotOutput.publicKey(chip);
        }
        if (!argv[1].equals("sign") || argv.length != 4) {
            return MFGPROT_USAGE;
        }
        long addr = UbootNumbers.hextoul(argv[2]);
        int size = (int) Math.min(UbootNumbers.dectoul(argv[3]), Integer.MAX_VALUE);
        if (!EmulatedDram.contains(addr, size)) {
            return abort(addr);
        }
        String out = "\nSigning message with Manufacturing Protection Private Key\n";
        if (options.fault() == EmulatedUbootOptions.Fault.HANG) {
            hung = true;
            return out;
        }
        byte[] message = dram.read(addr, Math.min(size, EmulatedCaamChip.MAX_MESSAGE_BYTES + 1));
        if (options.fault() == EmulatedUbootOptions.Fault.CAAM_FAILURE || size > EmulatedCaamChip.MAX_MESSAGE_BYTES) {
            return out; // the CAAM job failed: U-Boot prints nothing more
        }
        try {
            return out + MfgprotOutput.signature(chip, message);
        } catch (GeneralSecurityException e) {
            return out;
        }
    }

    /** What an aarch64 U-Boot prints on a data abort; the board then resets. */
    private String abort(long addr) {
        crashed = true;
        return "\"Synchronous Abort\" handler, esr 0x96000045\nelr: 0000000040231a4c lr : 0000000040231a2c (reloc)\n"
                + "far: " + String.format("%016x", addr) + "\nResetting CPU ...\n\nresetting ...\n";
    }
}
