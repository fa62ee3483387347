package io.imprint.cli.backend.pkcs11;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The private SoftHSM2 of this process, for EMULATED secure elements: a configuration whose token
 * directory is {@code <dir>/tokens}, made the process's {@code SOFTHSM2_CONF} before SoftHSM2 is first
 * initialised (SoftHSM2 reads that variable once, in C_Initialize; a JVM cannot change its own
 * environment, so it is set with the C library's {@code setenv}). One per process: later calls get the
 * first directory. Installs nothing: without SoftHSM2 the error says which package to install.
 */
public final class SoftHsmEnvironment {
    /** Where Debian's {@code softhsm2} package puts the module. */
    public static final Path MODULE = Path.of("/usr/lib/softhsm/libsofthsm2.so");
    private static Path active;

    private SoftHsmEnvironment() {
    }

    /** Sets up (once) SoftHSM2 with its tokens under {@code dir}; returns the directory in use. */
    public static synchronized Path ensure(Path dir) throws IOException {
        requireInstalled(MODULE);
        if (active != null) {
            return active;
        }
        Path tokens = Files.createDirectories(dir.resolve("tokens"));
        Path conf = dir.resolve("softhsm2.conf");
        Files.writeString(conf, "directories.tokendir = " + tokens.toAbsolutePath() + "\nobjectstore.backend = file\n"
                + "log.level = ERROR\nslots.removable = false\n");
        setenv("SOFTHSM2_CONF", conf.toAbsolutePath().toString());
        active = dir;
        return dir;
    }

    /** Refuses, in one line naming the package to install, when {@code module} is not there. */
    static void requireInstalled(Path module) {
        if (!Files.isRegularFile(module)) {
            throw new IllegalStateException("SoftHSM2 is not installed (no " + module + "): install the Debian "
                    + "package softhsm2 ('apt-get install softhsm2'); the demo installs nothing");
        }
    }

    private static void setenv(String name, String value) throws IOException {
        Linker linker = Linker.nativeLinker();
        MethodHandle setenv = linker.downcallHandle(linker.defaultLookup().find("setenv")
                        .orElseThrow(() -> new IOException("the C library has no setenv")),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
        try (Arena arena = Arena.ofConfined()) {
            int rc = (int) setenv.invokeExact(arena.allocateFrom(name), arena.allocateFrom(value), 1);
            if (rc != 0) {
                throw new IOException("setenv " + name + " failed");
            }
        } catch (IOException e) {
            throw e;
        } catch (Throwable e) {
            throw new IOException("setenv " + name + " failed: " + e.getMessage(), e);
        }
    }
}
