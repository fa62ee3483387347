package io.imprint.cli.backend;

import io.imprint.device.backend.CaamMpDevice;
import io.imprint.device.backend.DeviceBackend;
import io.imprint.device.backend.DeviceSignature;
import io.imprint.device.backend.EmulatedCaamChip;
import io.imprint.device.backend.PlatformClaims;
import io.imprint.device.backend.PreparationChannel;
import io.imprint.device.storage.EmulatedCaamBlobStore;
import io.imprint.device.storage.SecureStore;
import io.imprint.device.uboot.SerialConsoleLink;
import io.imprint.device.uboot.UbootConsole;
import io.imprint.device.uboot.UbootMpBackend;
import io.imprint.device.uboot.emulator.EmulatedUbootConsole;
import io.imprint.device.uboot.emulator.EmulatedUbootOptions;
import io.imprint.protocol.method.AttestationMethod;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Optional;

/**
 * An EMULATED i.MX board whose MP key is reached only over its EMULATED U-Boot console on a
 * pseudo-terminal, opened with jSerialComm as a station opens a board's serial port: evidence and
 * receipts are written with {@code mw} and signed with {@code mfgprot sign}, the MPMR found from the
 * printed digest ({@link UbootMpBackend}). Fuses and the blob store are the emulated chip's. Closing
 * closes the port and stops the console.
 */
final class UbootEmulatedDevice implements DeviceBackend {
    private final EmulatedUbootConsole board;
    private final UbootMpBackend mp;
    private final CaamMpDevice device;

    private UbootEmulatedDevice(EmulatedUbootConsole board, UbootMpBackend mp, CaamMpDevice device) {
        this.board = board;
        this.mp = mp;
        this.device = device;
    }

    /** Powers the emulated board of {@code chip} on behind a pty console and takes its prompt; secrets go under {@code blobs}. */
    static UbootEmulatedDevice start(EmulatedCaamChip chip, Path blobs) throws IOException {
        EmulatedUbootConsole board = EmulatedUbootConsole.start(chip, EmulatedUbootOptions.defaults());
        try {
            UbootMpBackend mp = attach(board);
            return new UbootEmulatedDevice(board, mp, new CaamMpDevice(mp, chip, new EmulatedCaamBlobStore(blobs, chip)));
        } catch (IOException | RuntimeException e) {
            board.close();
            throw e;
        }
    }

    /** The station's side: the pty opened as a serial port, autoboot stopped, the prompt taken. */
    static UbootMpBackend attach(EmulatedUbootConsole board) throws IOException {
        return UbootMpBackend.attach(SerialConsoleLink.open(board.path(), SerialConsoleLink.DEFAULT_BAUD),
                UbootConsole.Settings.defaults(), Optional.empty());
    }

    @Override
    public AttestationMethod method() {
        return device.method();
    }

    @Override
    public byte[] chipId() throws IOException, GeneralSecurityException {
        return device.chipId();
    }

    @Override
    public PlatformClaims claims() throws IOException, GeneralSecurityException {
        return device.claims();
    }

    @Override
    public DeviceSignature attest(byte[] evidence, byte[] sessionId, PreparationChannel channel)
            throws IOException, GeneralSecurityException, InterruptedException {
        return device.attest(evidence, sessionId, channel);
    }

    @Override
    public DeviceSignature signReceipt(byte[] receipt) throws IOException, GeneralSecurityException {
        return device.signReceipt(receipt);
    }

    @Override
    public SecureStore store() {
        return device.store();
    }

    @Override
    public String description() {
        return device.description();
    }

    @Override
    public void close() {
        try {
            mp.close();
        } finally {
            board.close();
        }
    }
}
