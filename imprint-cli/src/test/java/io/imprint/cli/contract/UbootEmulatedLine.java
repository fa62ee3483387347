package io.imprint.cli.contract;

import io.imprint.cli.backend.CaamEmulatedLine;
import io.imprint.cli.backend.DeviceLine;
import io.imprint.cli.demo.ProductFamily;
import io.imprint.device.backend.CaamMpDevice;
import io.imprint.device.backend.DeviceBackend;
import io.imprint.device.backend.EmulatedCaamChip;
import io.imprint.device.storage.EmulatedCaamBlobStore;
import io.imprint.device.uboot.SerialConsoleLink;
import io.imprint.device.uboot.UbootConsole;
import io.imprint.device.uboot.UbootMpBackend;
import io.imprint.device.uboot.emulator.EmulatedUbootConsole;
import io.imprint.device.uboot.emulator.EmulatedUbootOptions;
import io.imprint.protocol.method.AttestationMethod;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.issuance.SecretTemplate;
import io.imprint.server.policy.ProductPolicy;
import io.imprint.server.products.ProductEnrollment;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A line of EMULATED i.MX boards whose MP key is reached only through their EMULATED U-Boot console on
 * a pseudo-terminal, opened with jSerialComm like a station's serial port: every evidence and receipt
 * is written into the board's memory with {@code mw}, signed with {@code mfgprot sign}, and its MPMR
 * found from the printed digest ({@link UbootMpBackend}). The product is enrolled with the key a
 * reference board prints for {@code mfgprot pubk}. Fuses and the blob store come from the emulated
 * chip itself (U-Boot does not carry them).
 */
final class UbootEmulatedLine implements DeviceLine {
    private final CaamEmulatedLine chips = new CaamEmulatedLine();
    private final ProductFamily family = chips.family();
    private final Deque<AutoCloseable> started = new ArrayDeque<>();

    @Override
    public AttestationMethod method() {
        return AttestationMethod.CAAM_MP;
    }

    @Override
    public ProductPolicy policy() {
        return chips.policy();
    }

    @Override
    public ProductEnrollment enrollment(String product, SecretTemplate template, ProductPolicy policy) throws Exception {
        EmulatedCaamChip reference = family.genuineChip();
        String pubk;
        try (EmulatedUbootConsole board = EmulatedUbootConsole.start(reference, EmulatedUbootOptions.defaults());
             UbootMpBackend console = attach(board)) {
            pubk = console.publicKey().hex();
        }
        return new ProductEnrollment(product, ProductFamily.PART_NUMBER, HexFormat.of().formatHex(family.srkHash()),
                "Public key:\n" + pubk, template, policy);
    }

    @Override
    public DeviceBackend genuine(Path dir) throws Exception {
        return board(family.genuineChip(), dir);
    }

    @Override
    public DeviceBackend untrusted(Path dir) throws Exception {
        return board(family.counterfeitChip(), dir);
    }

    @Override
    public ProblemCode untrustedRefusal() {
        return ProblemCode.BAD_SIGNATURE;
    }

    @Override
    public String description() {
        return "EMULATED i.MX boards driven over their EMULATED U-Boot consoles (software emulation, not silicon)";
    }

    private DeviceBackend board(EmulatedCaamChip chip, Path dir) throws Exception {
        EmulatedUbootConsole board = EmulatedUbootConsole.start(chip, EmulatedUbootOptions.defaults());
        started.push(board);
        UbootMpBackend mp = attach(board);
        started.push(mp);
        return new CaamMpDevice(mp, chip, new EmulatedCaamBlobStore(dir.resolve(chip.chipIdHex()), chip));
    }

    private static UbootMpBackend attach(EmulatedUbootConsole board) throws Exception {
        return UbootMpBackend.attach(SerialConsoleLink.open(board.path(), SerialConsoleLink.DEFAULT_BAUD),
                UbootConsole.Settings.defaults(), Optional.empty());
    }

    /** Closes the ports, then stops the emulated consoles. */
    @Override
    public void close() throws Exception {
        while (!started.isEmpty()) {
            started.pop().close();
        }
    }
}
