package io.imprint.device.uboot;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A serial port opened with jSerialComm: 8 data bits, no parity, 1 stop bit, no flow control (the
 * i.MX debug UART's settings), the given baud rate, semi-blocking reads with a short timeout. Opens
 * pseudo-terminals and symbolic links to them too. Closing is idempotent.
 */
public final class SerialConsoleLink implements ConsoleLink {
    /** Common rates; U-Boot on i.MX boards runs at 115200. */
    public static final int DEFAULT_BAUD = 115200;
    /** How long one {@link #read} waits for a first byte. */
    static final int READ_TIMEOUT_MILLIS = 50;
    private static final int EACCES = 13;
    private static final int EBUSY = 16;

    private final SerialPort port;
    private final String name;
    private final int baud;
    private boolean closed;

    private SerialConsoleLink(SerialPort port, String name, int baud) {
        this.port = port;
        this.name = name;
        this.baud = baud;
    }

    /**
     * Opens {@code path} at {@code baud}.
     *
     * @throws UbootConsoleException with one line saying why when the port does not exist, is not
     *     accessible (not in the dialout group) or is busy
     */
    public static SerialConsoleLink open(Path path, int baud) throws UbootConsoleException {
        if (baud < 300 || baud > 4_000_000) {
            throw new UbootConsoleException("baud rate " + baud + " is out of range (300..4000000; U-Boot on i.MX: 115200)");
        }
        String name = path.toString();
        if (!Files.exists(path)) {
            throw new UbootConsoleException("no serial port " + name + " (is the USB-serial adapter plugged in?"
                    + " see 'ls /dev/ttyUSB* /dev/ttyACM*' and 'dmesg | tail')");
        }
        if (Files.isDirectory(path) || Files.isRegularFile(path)) {
            throw new UbootConsoleException(name + " is not a serial port (a " + (Files.isDirectory(path) ? "directory" : "file") + ")");
        }
        SerialPort port = SerialPort.getCommPort(name);
        port.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING,
                READ_TIMEOUT_MILLIS, 2000);
        if (!port.openPort()) {
            int errno = port.getLastErrorCode();
            if (errno == EACCES || !Files.isReadable(path) || !Files.isWritable(path)) {
                throw new UbootConsoleException("permission denied on " + name + ": add your user to the group that owns"
                        + " it (usually dialout: sudo usermod -aG dialout $USER, then log in again)");
            }
            if (errno == EBUSY) {
                throw new UbootConsoleException(name + " is busy: another program (minicom, screen, picocom) has it open");
            }
            throw new UbootConsoleException("cannot open serial port " + name + " (error " + errno + ")");
        }
        return new SerialConsoleLink(port, name, baud);
    }

    @Override
    public int read(byte[] buffer) throws IOException {
        int n = port.readBytes(buffer, buffer.length);
        if (n < 0) {
            throw new UbootConsoleException("lost the serial port " + name + " (unplugged, or its other end closed)");
        }
        return n;
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        int off = 0;
        while (off < bytes.length) {
            int n = port.writeBytes(bytes, bytes.length - off, off);
            if (n <= 0) {
                throw new UbootConsoleException("cannot write to " + name + " (unplugged, or its other end closed)");
            }
            off += n;
        }
    }

    @Override
    public String describe() {
        return name + " at " + baud + " baud";
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            port.closePort();
        }
    }
}
