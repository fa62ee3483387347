package io.imprint.device.uboot;

import java.util.Optional;

/**
 * Recognises what U-Boot prints when something went wrong (common/command.c, the aarch64 exception
 * handler, the boot of Linux) and says it as one line for the operator.
 */
final class UbootErrors {
    private UbootErrors() {
    }

    /** A crash or a boot into Linux seen anywhere in {@code text}: the console is no longer at U-Boot's prompt. */
    static Optional<String> lostPrompt(String text, String port) {
        if (text.contains("Synchronous Abort") || text.contains("data abort") || text.contains("Resetting CPU")) {
            return Optional.of("the board crashed (" + firstLineWith(text, "Abort", "abort", "Resetting") + ") and resets:"
                    + " the address written is not usable RAM (give a --load-addr inside DRAM, e.g. U-Boot's $loadaddr)");
        }
        if (text.contains("Starting kernel") || text.matches("(?s).*\\blogin:\\s*$")) {
            return Optional.of("the board on " + port + " has booted Linux, not stopped in U-Boot: reset it (power or reset"
                    + " button) and run this again; Imprint stops the autoboot countdown when it sees it");
        }
        return Optional.empty();
    }

    /** An error line U-Boot printed in answer to {@code command}. */
    static Optional<String> inOutput(String command, String output) {
        String name = command.strip().split("\\s+")[0];
        for (String line : output.split("\n")) {
            String l = line.strip();
            if (l.startsWith("Unknown command '")) {
                String missing = l.substring("Unknown command '".length()).split("'")[0];
                String hint = missing.equals("mfgprot") ? " (build U-Boot with CONFIG_FSL_MFGPROT=y, which needs"
                        + " CONFIG_IMX_HAB on an i.MX7 or i.MX8M)" : "";
                return Optional.of("U-Boot has no '" + missing + "' command" + hint);
            }
            if (l.equals("Usage:")) {
                return Optional.of("U-Boot refused the arguments of '" + command.strip() + "' and printed the usage of " + name);
            }
            if (l.startsWith("## Error")) {
                return Optional.of("U-Boot: " + l.substring(2).strip() + " (running '" + command.strip() + "')");
            }
        }
        return Optional.empty();
    }

    private static String firstLineWith(String text, String... words) {
        for (String line : text.split("\n")) {
            for (String w : words) {
                if (line.contains(w)) {
                    return "'" + line.strip() + "'";
                }
            }
        }
        return "no message";
    }
}
