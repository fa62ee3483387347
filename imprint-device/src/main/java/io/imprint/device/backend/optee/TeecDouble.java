package io.imprint.device.backend.optee;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Builds Imprint's test double of {@code libteec.so.1} (an EMULATION: a TEE Client API library with
 * emulated i.MX MP and OCOTP PTAs, not a TEE) from the C source shipped in this jar, with the
 * machine's gcc and OpenSSL's libcrypto, and installs emulated chips for it. Each chip is a
 * directory holding its own copy of the library and the {@value #CHIP_FILE} it reads, so several
 * chips can be loaded into one JVM (one {@link Libteec} per chip directory).
 */
public final class TeecDouble {
    public static final String LIBRARY = "libteec.so.1";
    public static final String CHIP_FILE = "teec-double-chip.txt";
    static final String SOURCE = "libteec-double.c";
    /** The Debian packages the build needs. */
    public static final String PACKAGES = "gcc libssl-dev";

    private TeecDouble() {
    }

    /**
     * Compiles the double into {@code dir} unless this very source was compiled there already;
     * returns the library's path.
     *
     * @throws IOException in one line naming the Debian packages to install when gcc or OpenSSL's headers are missing
     */
    public static synchronized Path build(Path dir) throws IOException {
        byte[] source = source();
        Path lib = dir.resolve(sha256(source).substring(0, 16)).resolve(LIBRARY);
        if (Files.isRegularFile(lib)) {
            return lib;
        }
        Files.createDirectories(lib.getParent());
        Path src = lib.resolveSibling(SOURCE);
        Files.write(src, source);
        Path tmp = Files.createTempFile(lib.getParent(), ".build-", ".so");
        Path log = lib.resolveSibling("gcc.log");
        List<String> cmd = List.of("gcc", "-shared", "-fPIC", "-O2", "-Wall", "-o", tmp.toString(), src.toString(), "-lcrypto");
        Process gcc;
        try {
            gcc = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new IOException("the libteec test double is built with gcc, which is missing: install the Debian packages "
                    + PACKAGES);
        }
        try {
            if (!gcc.waitFor(120, TimeUnit.SECONDS)) {
                gcc.destroyForcibly();
                throw new IOException("gcc did not finish building the libteec test double within 120 s");
            }
        } catch (InterruptedException e) {
            gcc.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while building the libteec test double");
        }
        if (gcc.exitValue() != 0) {
            String out = Files.readString(log, StandardCharsets.UTF_8);
            Files.deleteIfExists(tmp);
            if (out.contains("openssl/") || out.contains("-lcrypto")) {
                throw new IOException("the libteec test double needs OpenSSL's libcrypto headers: install the Debian packages "
                        + PACKAGES);
            }
            throw new IOException("gcc failed to build the libteec test double (see " + log + ")");
        }
        Files.move(tmp, lib, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return lib;
    }

    /**
     * Installs an emulated chip in {@code chipDir}: a copy of {@code builtLibrary} and its chip file.
     * Returns the library path to load ({@code --libteec}).
     */
    public static Path installChip(Path builtLibrary, Path chipDir, EmulatedOpteeChip chip) throws IOException {
        Files.createDirectories(chipDir);
        Path lib = chipDir.resolve(LIBRARY);
        Files.copy(builtLibrary, lib, StandardCopyOption.REPLACE_EXISTING); // a copy, not a link: its own instance
        Path file = chipDir.resolve(CHIP_FILE);
        Path tmp = chipDir.resolve(CHIP_FILE + ".tmp");
        Files.writeString(tmp, chip.fileText(), StandardCharsets.US_ASCII);
        try {
            Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return lib;
    }

    private static byte[] source() throws IOException {
        try (InputStream in = TeecDouble.class.getResourceAsStream(SOURCE)) {
            if (in == null) {
                throw new IOException(SOURCE + " is missing from the class path");
            }
            return in.readAllBytes();
        }
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
