package io.imprint.device.uboot.emulator;

import io.imprint.device.backend.EmulatedCaamChip;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;

/**
 * An EMULATED U-Boot console on a pseudo-terminal, built on an {@link EmulatedCaamChip}: software,
 * not a board, and its banner and {@code version} say so. Clients open {@link #path()} like the
 * serial port of a real board.
 *
 * <p>The emulated board powers on when the first client opens the port: it prints its boot log and
 * the autoboot countdown ({@code Hit any key to stop autoboot: 3}); a key stops it at the
 * {@code => } prompt, otherwise it "boots Linux" and answers only with a login prompt from then on.
 * Every output line ends in CR/LF, typed characters are echoed, and output can be slowed down and
 * fragmented. A data abort (a write outside DRAM) resets the board. One thread serves the port.
 */
public final class EmulatedUbootConsole implements AutoCloseable {
    private static final String CLEAR_LINE = "\u001b[2K";
    private static final int TICK_MILLIS = 1000;

    private enum State { OFF, COUNTDOWN, PROMPT, LINUX }

    private final Pty pty;
    private final EmulatedUbootOptions options;
    private final EmulatedUbootShell shell;
    private final Thread thread;
    private volatile boolean running = true;
    private State state = State.OFF;
    private int countdown;
    private long nextTickNanos;

    private EmulatedUbootConsole(Pty pty, EmulatedCaamChip chip, EmulatedUbootOptions options) {
        this.pty = pty;
        this.options = options;
        this.shell = new EmulatedUbootShell(chip, options);
        this.thread = Thread.ofPlatform().daemon().name("emulated-uboot " + pty.path()).unstarted(this::serve);
    }

    /** Opens a pseudo-terminal and starts serving the emulated console on it. */
    public static EmulatedUbootConsole start(EmulatedCaamChip chip, EmulatedUbootOptions options) throws IOException {
        EmulatedUbootConsole console = new EmulatedUbootConsole(Pty.open(), chip, options);
        console.thread.start();
        return console;
    }

    /** The port to open, e.g. {@code /dev/pts/3}. */
    public Path path() {
        return pty.path();
    }

    /** Says what this is: an emulation. */
    public String description() {
        return "EMULATED U-Boot console (software emulation, not a board) on " + pty.path();
    }

    private void serve() {
        boolean connected = false;
        try {
            while (running) {
                Pty.Readiness r = pty.poll(pollMillis());
                if (r == Pty.Readiness.NO_CLIENT) {
                    connected = false;
                    LockSupport.parkNanos(20_000_000L);
                    continue;
                }
                if (!connected) {
                    connected = true;
                    if (state == State.OFF) {
                        powerOn();
                    }
                }
                if (r == Pty.Readiness.INPUT) {
                    for (byte b : pty.read()) {
                        receive((char) (b & 0xFF));
                    }
                }
                if (state == State.COUNTDOWN && System.nanoTime() - nextTickNanos >= 0) {
                    tick();
                }
            }
        } catch (IOException e) {
            running = false;
        }
    }

    private int pollMillis() {
        if (state != State.COUNTDOWN) {
            return 50;
        }
        long ms = (nextTickNanos - System.nanoTime()) / 1_000_000L;
        return (int) Math.max(0, Math.min(50, ms));
    }

    private void powerOn() throws IOException {
        print(shell.bootLog());
        countdown = options.bootDelaySeconds();
        state = State.COUNTDOWN;
        print(CLEAR_LINE + "\rHit any key to stop autoboot: " + countdown);
        nextTickNanos = System.nanoTime() + TICK_MILLIS * 1_000_000L;
        if (countdown == 0) {
            bootLinux();
        }
    }

    private void tick() throws IOException {
        countdown--;
        print(CLEAR_LINE + "\rHit any key to stop autoboot: " + countdown);
        if (countdown <= 0) {
            bootLinux();
        } else {
            nextTickNanos += TICK_MILLIS * 1_000_000L;
        }
    }

    private void bootLinux() throws IOException {
        print("\nStarting kernel ...\n\n");
        state = State.LINUX;
    }

    private void receive(char c) throws IOException {
        switch (state) {
            case COUNTDOWN -> {
                print(CLEAR_LINE + "\rHit any key to stop autoboot: 0\n" + shell.prompt());
                state = State.PROMPT;
            }
            case PROMPT -> {
                if (shell.hung()) {
                    return;
                }
                print(shell.type(c));
                if (shell.crashed()) {
                    shell.reset();
                    powerOn();
                }
            }
            case LINUX -> {
                if (c == '\r') {
                    print("\nimprint-emulated-imx8m login: ");
                }
            }
            case OFF -> { }
        }
    }

    /** Prints like U-Boot's serial driver: every {@code \n} goes out as CR/LF; slowly if so configured. */
    private void print(String text) throws IOException {
        if (options.fault() == EmulatedUbootOptions.Fault.SILENT || text.isEmpty()) {
            return;
        }
        byte[] bytes = text.replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        for (int off = 0; off < bytes.length; off += options.chunkBytes()) {
            int n = Math.min(options.chunkBytes(), bytes.length - off);
            pty.write(java.util.Arrays.copyOfRange(bytes, off, off + n));
            if (!options.chunkDelay().isZero()) {
                LockSupport.parkNanos(options.chunkDelay().toNanos());
            }
        }
    }

    /** Stops serving and closes the pseudo-terminal (clients then read end-of-file or an error). */
    @Override
    public void close() {
        running = false;
        boolean interrupted = false;
        while (thread.isAlive()) { // the serving thread uses the pty's memory until it has stopped
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        pty.close();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
