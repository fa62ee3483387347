package io.imprint.device.uboot.emulator;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;

/**
 * A pseudo-terminal pair made with libc ({@code posix_openpt}, {@code grantpt}, {@code unlockpt},
 * {@code ptsname_r}) through the Foreign Function &amp; Memory API: no extra package. The emulator holds
 * the master side; clients open {@link #path()} (e.g. {@code /dev/pts/3}) like a serial port.
 *
 * <p>The slave is put in raw mode once at creation ({@code cfmakeraw}): with the default cooked
 * settings the line discipline would echo the emulator's own output back to it before a client
 * configured the port. Linux and glibc only.
 */
public final class Pty implements AutoCloseable {
    private static final int O_RDWR = 2;
    private static final int O_NOCTTY = 0x100;
    private static final int O_CLOEXEC = 0x80000;
    private static final short POLLIN = 0x1;
    private static final short POLLHUP = 0x10;
    private static final int TERMIOS_BYTES = 256; // glibc's struct termios is 60 bytes; room to spare
    private static final StructLayout POLLFD = MemoryLayout.structLayout(
            ValueLayout.JAVA_INT.withName("fd"), ValueLayout.JAVA_SHORT.withName("events"),
            ValueLayout.JAVA_SHORT.withName("revents"));
    private static final VarHandle REVENTS = POLLFD.varHandle(MemoryLayout.PathElement.groupElement("revents"));

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final MethodHandle POSIX_OPENPT = fn("posix_openpt", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle GRANTPT = fn("grantpt", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle UNLOCKPT = fn("unlockpt", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle PTSNAME_R = fn("ptsname_r", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
    private static final MethodHandle OPEN = LINKER.downcallHandle(LIBC.find("open").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT),
            Linker.Option.firstVariadicArg(2));
    private static final MethodHandle CLOSE = fn("close", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle TCGETATTR = fn("tcgetattr", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
    private static final MethodHandle TCSETATTR = fn("tcsetattr", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
    private static final MethodHandle CFMAKERAW = fn("cfmakeraw", FunctionDescriptor.ofVoid(ValueLayout.ADDRESS));
    private static final MethodHandle POLL = fn("poll", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
    private static final MethodHandle READ = fn("read", FunctionDescriptor.of(ValueLayout.JAVA_LONG,
            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
    private static final MethodHandle WRITE = fn("write", FunctionDescriptor.of(ValueLayout.JAVA_LONG,
            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));

    /** What {@link #poll(int)} saw on the master side. */
    public enum Readiness { INPUT, IDLE, NO_CLIENT }

    private final int master;
    private final Path path;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment pollfd;
    private final MemorySegment readBuffer;
    private volatile boolean closed;

    private Pty(int master, Path path) {
        this.master = master;
        this.path = path;
        this.pollfd = arena.allocate(POLLFD);
        this.readBuffer = arena.allocate(4096);
    }

    /** Opens a new pseudo-terminal pair with its slave in raw mode. */
    public static Pty open() throws IOException {
        try {
            int fd = (int) POSIX_OPENPT.invokeExact(O_RDWR | O_NOCTTY | O_CLOEXEC);
            if (fd < 0) {
                throw new IOException("posix_openpt failed: no pseudo-terminal available (is /dev/pts mounted?)");
            }
            try (Arena a = Arena.ofConfined()) {
                MemorySegment name = a.allocate(256);
                if ((int) GRANTPT.invokeExact(fd) != 0 || (int) UNLOCKPT.invokeExact(fd) != 0
                        || (int) PTSNAME_R.invokeExact(fd, name, 256L) != 0) {
                    int ignored = (int) CLOSE.invokeExact(fd);
                    throw new IOException("grantpt/unlockpt/ptsname failed for a new pseudo-terminal");
                }
                Path path = Path.of(name.getString(0));
                makeRaw(a, path);
                return new Pty(fd, path);
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("cannot call libc for a pseudo-terminal", t);
        }
    }

    private static void makeRaw(Arena a, Path slave) throws Throwable {
        int fd = (int) OPEN.invokeExact(a.allocateFrom(slave.toString()), O_RDWR | O_NOCTTY | O_CLOEXEC);
        if (fd < 0) {
            throw new IOException("cannot open " + slave + " to set it to raw mode");
        }
        try {
            MemorySegment termios = a.allocate(TERMIOS_BYTES);
            if ((int) TCGETATTR.invokeExact(fd, termios) != 0) {
                throw new IOException("tcgetattr failed on " + slave);
            }
            CFMAKERAW.invokeExact(termios);
            if ((int) TCSETATTR.invokeExact(fd, 0, termios) != 0) {
                throw new IOException("tcsetattr failed on " + slave);
            }
        } finally {
            int ignored = (int) CLOSE.invokeExact(fd);
        }
    }

    /** The slave device a client opens, e.g. {@code /dev/pts/3}. */
    public Path path() {
        return path;
    }

    /**
     * Waits up to {@code timeoutMillis} for input. {@link Readiness#NO_CLIENT} when no process has the
     * slave open (the master reports a hang-up then; the call returns at once).
     */
    public Readiness poll(int timeoutMillis) throws IOException {
        pollfd.set(ValueLayout.JAVA_INT, 0, master);
        pollfd.set(ValueLayout.JAVA_SHORT, 4, POLLIN);
        pollfd.set(ValueLayout.JAVA_SHORT, 6, (short) 0);
        int n;
        try {
            n = (int) POLL.invokeExact(pollfd, 1L, timeoutMillis);
        } catch (Throwable t) {
            throw new IOException("poll failed", t);
        }
        if (n < 0) {
            return Readiness.IDLE; // EINTR: nothing seen
        }
        short revents = (short) REVENTS.get(pollfd, 0L);
        if ((revents & POLLHUP) != 0) {
            return Readiness.NO_CLIENT;
        }
        return (revents & POLLIN) != 0 ? Readiness.INPUT : Readiness.IDLE;
    }

    /** Reads what the client wrote (call after {@link #poll} said INPUT); empty when nothing or hung up. */
    public byte[] read() throws IOException {
        long n;
        try {
            n = (long) READ.invokeExact(master, readBuffer, readBuffer.byteSize());
        } catch (Throwable t) {
            throw new IOException("read failed", t);
        }
        return n <= 0 ? new byte[0] : readBuffer.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE);
    }

    /** Writes all of {@code bytes} to the client; bytes the kernel refuses (client gone) are dropped. */
    public void write(byte[] bytes) throws IOException {
        if (bytes.length == 0 || closed) {
            return;
        }
        try (Arena a = Arena.ofConfined()) {
            MemorySegment src = a.allocate(bytes.length);
            MemorySegment.copy(bytes, 0, src, ValueLayout.JAVA_BYTE, 0, bytes.length);
            long off = 0;
            while (off < bytes.length) {
                long n = (long) WRITE.invokeExact(master, src.asSlice(off), (long) bytes.length - off);
                if (n <= 0) {
                    return;
                }
                off += n;
            }
        } catch (Throwable t) {
            throw new IOException("write failed", t);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            int ignored = (int) CLOSE.invokeExact(master);
        } catch (Throwable ignored) {
            // nothing more to release
        }
        arena.close();
    }

    private static MethodHandle fn(String name, FunctionDescriptor d) {
        return LINKER.downcallHandle(LIBC.find(name).orElseThrow(() -> new UnsatisfiedLinkError("libc lacks " + name)), d);
    }
}
