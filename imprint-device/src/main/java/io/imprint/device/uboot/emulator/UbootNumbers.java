package io.imprint.device.uboot.emulator;

/** How U-Boot reads numbers and data sizes on its command line (lib/strto.c, cmd_get_data_size). */
final class UbootNumbers {
    private UbootNumbers() {
    }

    /** {@code .b .w .l .q} (default {@code .l}), -1 for anything else (cmd_get_data_size). */
    static int dataSize(String name) {
        int dot = name.indexOf('.');
        if (dot < 0) {
            return 4;
        }
        return switch (name.substring(dot + 1)) {
            case "b" -> 1;
            case "w" -> 2;
            case "l" -> 4;
            case "q" -> 8;
            default -> -1;
        };
    }

    /** U-Boot's hextoul: optional 0x, then hex digits up to the first other character. */
    static long hextoul(String s) {
        String t = s.startsWith("0x") || s.startsWith("0X") ? s.substring(2) : s;
        long v = 0;
        for (int i = 0; i < t.length() && i < 16 && Character.digit(t.charAt(i), 16) >= 0; i++) {
            v = (v << 4) | Character.digit(t.charAt(i), 16);
        }
        return v;
    }

    /** U-Boot's dectoul: decimal digits up to the first other character ({@code 0x10} is 0). */
    static long dectoul(String s) {
        long v = 0;
        for (int i = 0; i < s.length() && i < 18 && Character.isDigit(s.charAt(i)); i++) {
            v = v * 10 + (s.charAt(i) - '0');
        }
        return v;
    }
}
