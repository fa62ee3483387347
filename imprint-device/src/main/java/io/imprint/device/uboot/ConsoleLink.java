package io.imprint.device.uboot;

import java.io.IOException;

/** A byte stream to a board's console: a serial port, or a pseudo-terminal standing in for one. */
public interface ConsoleLink extends AutoCloseable {
    /**
     * Reads what has arrived, waiting at most the link's read timeout for the first byte.
     *
     * @return the number of bytes read into {@code buffer}; 0 when nothing arrived in time
     * @throws IOException when the port is gone (adapter unplugged, pty closed)
     */
    int read(byte[] buffer) throws IOException;

    /** Writes all of {@code bytes}. */
    void write(byte[] bytes) throws IOException;

    /** The port's name for messages, e.g. {@code /dev/ttyUSB0 at 115200 baud}. */
    String describe();

    @Override
    void close();
}
