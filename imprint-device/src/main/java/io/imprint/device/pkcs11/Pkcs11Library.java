package io.imprint.device.pkcs11;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The few PKCS#11 (v2.40) calls SunPKCS11 does not offer, made directly on the module through the
 * Foreign Function &amp; Memory API: the slot of a token by its label (C_GetSlotList, C_GetTokenInfo)
 * and the initialisation of a new token (C_InitToken, C_InitPIN: SoftHSM2 for emulated secure
 * elements). The module is initialised once per process with OS locking, as SunPKCS11 does; whichever
 * of the two initialises first, the other's CKR_CRYPTOKI_ALREADY_INITIALIZED is expected. PINs are
 * passed in native memory that is zeroed after each call; nothing is logged.
 */
public final class Pkcs11Library {
    private static final Map<Path, Pkcs11Library> OPEN = new HashMap<>();
    private static final long CKR_OK = 0;
    private static final long CKR_ALREADY_INITIALIZED = 0x191;
    private static final long CKF_OS_LOCKING_OK = 0x2;
    private static final long CKF_TOKEN_INITIALIZED = 0x400;
    private static final long CKF_RW_SESSION = 0x2;
    private static final long CKF_SERIAL_SESSION = 0x4;
    private static final long CKU_SO = 0;
    private static final int LABEL_BYTES = 32;
    /** CK_FUNCTION_LIST: a CK_VERSION (padded to 8 bytes), then one pointer per function, in this order. */
    private static final int C_INITIALIZE = 0;
    private static final int C_GET_SLOT_LIST = 4;
    private static final int C_GET_TOKEN_INFO = 6;
    private static final int C_INIT_TOKEN = 9;
    private static final int C_INIT_PIN = 10;
    private static final int C_OPEN_SESSION = 12;
    private static final int C_CLOSE_SESSION = 13;
    private static final int C_LOGIN = 18;
    private static final int C_LOGOUT = 19;
    /** CK_TOKEN_INFO: label[32] manufacturerID[32] model[16] serialNumber[16], then CK_FLAGS flags. */
    private static final int TOKEN_INFO_FLAGS = 96;
    private static final int TOKEN_INFO_BYTES = 256;

    private final Path module;
    private final MemorySegment functions;
    private final Linker linker = Linker.nativeLinker();

    private Pkcs11Library(Path module, MemorySegment functions) {
        this.module = module;
        this.functions = functions;
    }

    /** The module at {@code module}, loaded and initialised once per process. */
    public static synchronized Pkcs11Library open(Path module) throws IOException {
        Path key = module.toAbsolutePath().normalize();
        Pkcs11Library lib = OPEN.get(key);
        if (lib != null) {
            return lib;
        }
        if (!Files.isRegularFile(key)) {
            throw new IOException("PKCS#11 module " + key + ": no such file");
        }
        try {
            SymbolLookup symbols = SymbolLookup.libraryLookup(key, Arena.global());
            MethodHandle getList = Linker.nativeLinker().downcallHandle(symbols.find("C_GetFunctionList")
                    .orElseThrow(() -> new IOException(key + " is not a PKCS#11 module (no C_GetFunctionList)")),
                    FunctionDescriptor.of(JAVA_LONG, ADDRESS));
            MemorySegment holder = Arena.global().allocate(ADDRESS);
            check("C_GetFunctionList", (long) getList.invokeExact(holder));
            lib = new Pkcs11Library(key, holder.get(ADDRESS, 0).reinterpret(8L + 8L * 70));
            lib.initialize();
        } catch (IOException e) {
            throw e;
        } catch (Throwable e) {
            throw new IOException("cannot load PKCS#11 module " + key + ": " + e.getMessage(), e);
        }
        OPEN.put(key, lib);
        return lib;
    }

    public Path module() {
        return module;
    }

    /** The slot of the one initialised token labelled {@code label}; none or several is an IOException. */
    public synchronized long slotOf(String label) throws IOException {
        List<Long> matching = new ArrayList<>();
        List<String> present = new ArrayList<>();
        for (long slot : slots()) {
            String l = label(slot);
            present.add(l);
            if (l.equals(label)) {
                matching.add(slot);
            }
        }
        if (matching.size() != 1) {
            throw new IOException((matching.isEmpty() ? "no PKCS#11 token" : matching.size() + " PKCS#11 tokens")
                    + " labelled '" + label + "' in " + module + " (present: " + String.join(", ", present) + ")");
        }
        return matching.get(0);
    }

    /**
     * Initialises a new token labelled {@code label} in the module's free slot (SoftHSM2 always offers
     * one) with the security officer PIN {@code soPin} and the user PIN {@code pin}; returns its slot.
     */
    public synchronized long initToken(String label, char[] soPin, char[] pin) throws IOException {
        byte[] padded = Arrays.copyOf(label.getBytes(StandardCharsets.UTF_8), LABEL_BYTES);
        if (label.getBytes(StandardCharsets.UTF_8).length > LABEL_BYTES) {
            throw new IllegalArgumentException("token label over 32 bytes");
        }
        for (int i = label.getBytes(StandardCharsets.UTF_8).length; i < LABEL_BYTES; i++) {
            padded[i] = ' ';
        }
        long free = freeSlot();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment so = secret(arena, soPin);
            MemorySegment user = secret(arena, pin);
            try {
                call("C_InitToken", C_INIT_TOKEN, FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS),
                        free, so, so.byteSize(), arena.allocateFrom(JAVA_BYTE, padded));
                long slot = slotOf(label);
                MemorySegment handle = arena.allocate(JAVA_LONG);
                call("C_OpenSession", C_OPEN_SESSION, FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, ADDRESS,
                        ADDRESS, ADDRESS), slot, CKF_SERIAL_SESSION | CKF_RW_SESSION, MemorySegment.NULL,
                        MemorySegment.NULL, handle);
                long session = handle.get(JAVA_LONG, 0);
                try {
                    call("C_Login", C_LOGIN, FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_LONG),
                            session, CKU_SO, so, so.byteSize());
                    call("C_InitPIN", C_INIT_PIN, FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_LONG),
                            session, user, user.byteSize());
                    call("C_Logout", C_LOGOUT, FunctionDescriptor.of(JAVA_LONG, JAVA_LONG), session);
                } finally {
                    call("C_CloseSession", C_CLOSE_SESSION, FunctionDescriptor.of(JAVA_LONG, JAVA_LONG), session);
                }
                return slot;
            } finally {
                so.fill((byte) 0);
                user.fill((byte) 0);
            }
        }
    }

    private void initialize() throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            // CK_C_INITIALIZE_ARGS: four mutex callbacks (none), CK_FLAGS flags, pReserved.
            MemorySegment args = arena.allocate(48);
            args.set(JAVA_LONG, 32, CKF_OS_LOCKING_OK);
            long rv = raw(C_INITIALIZE, FunctionDescriptor.of(JAVA_LONG, ADDRESS), args);
            if (rv != CKR_OK && rv != CKR_ALREADY_INITIALIZED) {
                check("C_Initialize", rv);
            }
        }
    }

    private long[] slots() throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            FunctionDescriptor fd = FunctionDescriptor.of(JAVA_LONG, JAVA_BYTE, ADDRESS, ADDRESS);
            MemorySegment count = arena.allocate(JAVA_LONG);
            call("C_GetSlotList", C_GET_SLOT_LIST, fd, (byte) 1, MemorySegment.NULL, count);
            MemorySegment list = arena.allocate(JAVA_LONG, Math.max(1, count.get(JAVA_LONG, 0)));
            call("C_GetSlotList", C_GET_SLOT_LIST, fd, (byte) 1, list, count);
            long n = count.get(JAVA_LONG, 0);
            long[] out = new long[(int) n];
            for (int i = 0; i < n; i++) {
                out[i] = list.getAtIndex(JAVA_LONG, i);
            }
            return out;
        }
    }

    /** The label of an initialised token, or "" for an uninitialised one. */
    private String label(long slot) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment info = arena.allocate(TOKEN_INFO_BYTES);
            call("C_GetTokenInfo", C_GET_TOKEN_INFO, FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, ADDRESS), slot, info);
            if ((info.get(JAVA_LONG, TOKEN_INFO_FLAGS) & CKF_TOKEN_INITIALIZED) == 0) {
                return "";
            }
            return new String(info.asSlice(0, LABEL_BYTES).toArray(JAVA_BYTE), StandardCharsets.UTF_8).stripTrailing();
        }
    }

    private long freeSlot() throws IOException {
        for (long slot : slots()) {
            if (label(slot).isEmpty()) {
                return slot;
            }
        }
        throw new IOException("PKCS#11 module " + module + " has no free slot to initialise a token in");
    }

    private static MemorySegment secret(Arena arena, char[] pin) {
        byte[] bytes = new String(pin).getBytes(StandardCharsets.UTF_8);
        MemorySegment s = arena.allocateFrom(JAVA_BYTE, bytes);
        Arrays.fill(bytes, (byte) 0);
        return s;
    }

    private void call(String name, int index, FunctionDescriptor fd, Object... args) throws IOException {
        check(name, raw(index, fd, args));
    }

    private long raw(int index, FunctionDescriptor fd, Object... args) throws IOException {
        MemorySegment fn = functions.get(ADDRESS, 8L + 8L * index);
        try {
            return (long) linker.downcallHandle(fn, fd).invokeWithArguments(args);
        } catch (Throwable e) {
            throw new IOException("PKCS#11 call failed: " + e.getMessage(), e);
        }
    }

    private static void check(String name, long rv) throws IOException {
        if (rv != CKR_OK) {
            throw new IOException(name + " failed: CKR 0x" + Long.toHexString(rv));
        }
    }

    @Override
    public String toString() {
        return "Pkcs11Library[" + module + "]";
    }
}
