package io.imprint.device.backend;

import io.imprint.protocol.mp.Mpmr;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Properties;

/**
 * Persists an {@link EmulatedCaamChip}'s fuses in a directory ({@code chip.properties}, mode 600),
 * so the command line can act as the same emulated chip across runs. Holds the emulated fuse seed:
 * it is an emulation artefact, not a protected secret, and the file says so.
 */
public final class EmulatedChipFile {
    public static final String FILE = "chip.properties";
    private static final HexFormat HEX = HexFormat.of();

    private EmulatedChipFile() {
    }

    /** Writes the fuses of a new emulated chip into {@code dir}; refuses to overwrite one. */
    public static void create(Path dir, String partNumber, byte[] srkHash, byte[] fuseSeed, byte[] chipId,
                              String lifecycle, Mpmr mpmr) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE);
        if (Files.exists(file)) {
            throw new IOException("an emulated chip already exists in " + dir);
        }
        Properties p = new Properties();
        p.setProperty("partNumber", partNumber);
        p.setProperty("srkHash", HEX.formatHex(srkHash));
        p.setProperty("fuseSeed", HEX.formatHex(fuseSeed));
        p.setProperty("chipId", HEX.formatHex(chipId));
        p.setProperty("lifecycle", lifecycle);
        p.setProperty("mpmr", mpmr.hex());
        Path tmp = dir.resolve(FILE + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(w, "EMULATED i.MX CAAM fuses (software emulation, not silicon)");
        }
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Loads the emulated chip kept in {@code dir}. */
    public static EmulatedCaamChip load(Path dir) throws IOException, GeneralSecurityException {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IOException("no emulated chip in " + dir + " (create one with 'imprint device chip-init')");
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        try {
            return EmulatedCaamChip.builder(require(p, "partNumber"), HEX.parseHex(require(p, "srkHash")),
                            HEX.parseHex(require(p, "fuseSeed")))
                    .chipId(HEX.parseHex(require(p, "chipId")))
                    .lifecycle(require(p, "lifecycle"))
                    .mpmr(Mpmr.ofHex(require(p, "mpmr")))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " is damaged: " + e.getMessage());
        }
    }

    private static String require(Properties p, String key) throws IOException {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IOException(FILE + " lacks " + key);
        }
        return v;
    }
}
