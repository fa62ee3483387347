package io.imprint.device.backend.optee;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Optional;

/**
 * The GlobalPlatform TEE Client API library ({@code libteec}) loaded into this JVM through the
 * Foreign Function & Memory API: the five calls Imprint uses. The library stays loaded until
 * {@link #close()}.
 *
 * <p>optee-client 3.x ships {@code libteec.so.1}, 4.x {@code libteec.so.2}; the structures Imprint
 * passes (context, session, UUID, operation) have the same layout in both, only
 * {@code TEEC_SharedMemory} changed, which Imprint does not use.
 */
public final class Libteec implements AutoCloseable {
    /** What the system's dynamic loader is asked for when no path is given, in this order. */
    public static final List<String> SYSTEM_NAMES = List.of("libteec.so.1", "libteec.so.2");
    private static final String MARKER = "imprint_teec_double";

    private final Arena arena;
    private final String location;
    private final String emulation;
    final MethodHandle initializeContext;
    final MethodHandle finalizeContext;
    final MethodHandle openSession;
    final MethodHandle closeSession;
    final MethodHandle invokeCommand;

    private Libteec(Arena arena, SymbolLookup lib, String location) throws GeneralSecurityException {
        this.arena = arena;
        this.location = location;
        Linker linker = Linker.nativeLinker();
        this.initializeContext = linker.downcallHandle(find(lib, "TEEC_InitializeContext"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        this.finalizeContext = linker.downcallHandle(find(lib, "TEEC_FinalizeContext"), FunctionDescriptor.ofVoid(ADDRESS));
        this.openSession = linker.downcallHandle(find(lib, "TEEC_OpenSession"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
        this.closeSession = linker.downcallHandle(find(lib, "TEEC_CloseSession"), FunctionDescriptor.ofVoid(ADDRESS));
        this.invokeCommand = linker.downcallHandle(find(lib, "TEEC_InvokeCommand"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS));
        this.emulation = lib.find(MARKER).map(Libteec::marker).orElse(null);
    }

    /**
     * Loads {@code libteec} from a path (containing '/') or by name through the system loader; null
     * tries {@link #SYSTEM_NAMES}.
     *
     * @throws GeneralSecurityException naming what was tried and how to install the library
     */
    public static Libteec load(String pathOrName) throws GeneralSecurityException {
        List<String> names = pathOrName == null ? SYSTEM_NAMES : List.of(pathOrName);
        for (String name : names) {
            Arena arena = Arena.ofShared();
            try {
                SymbolLookup lib = name.contains("/") ? SymbolLookup.libraryLookup(java.nio.file.Path.of(name), arena)
                        : SymbolLookup.libraryLookup(name, arena);
                return new Libteec(arena, lib, name);
            } catch (IllegalArgumentException notLoadable) {
                arena.close();
            } catch (GeneralSecurityException | RuntimeException e) {
                arena.close();
                throw e;
            }
        }
        throw new GeneralSecurityException("cannot load " + String.join(" or ", names)
                + ": install OP-TEE's client library (Debian/Ubuntu: libteec1 or libteec2; Yocto: optee-client)"
                + " or give its path with --libteec");
    }

    private static MemorySegment find(SymbolLookup lib, String symbol) throws GeneralSecurityException {
        Optional<MemorySegment> s = lib.find(symbol);
        if (s.isEmpty()) {
            throw new GeneralSecurityException("the loaded libteec has no " + symbol + ": not a TEE Client API library");
        }
        return s.get();
    }

    private static String marker(MemorySegment fn) {
        try {
            MethodHandle h = Linker.nativeLinker().downcallHandle(fn, FunctionDescriptor.of(ADDRESS));
            MemorySegment text = (MemorySegment) h.invokeExact();
            return text.reinterpret(512).getString(0);
        } catch (Throwable t) {
            return "EMULATION (test double of libteec)";
        }
    }

    /** Where the library was loaded from (a path or the name given to the loader). */
    public String location() {
        return location;
    }

    /** The test double's own statement that it is an emulation, when this is Imprint's test double. */
    public Optional<String> emulation() {
        return Optional.ofNullable(emulation);
    }

    /** Unloads the library; sessions must be closed first. */
    @Override
    public void close() {
        arena.close();
    }

    @Override
    public String toString() {
        return "Libteec[" + location + (emulation == null ? "" : ", test double") + "]";
    }
}
