package io.imprint.cli.backend;

import io.imprint.cli.demo.ProductFamily;
import io.imprint.device.backend.DeviceBackend;
import io.imprint.device.backend.EmulatedCaamChip;
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

/**
 * A line of EMULATED i.MX boards driven over their EMULATED U-Boot consoles on pseudo-terminals
 * ({@link UbootEmulatedDevice}); the product is enrolled with the key a reference board prints for
 * {@code mfgprot pubk}. An untrusted board has another MP key. Closing stops every board started.
 */
public final class UbootEmulatedLine implements DeviceLine {
    private final CaamEmulatedLine chips;
    private final ProductFamily family;
    private final Deque<UbootEmulatedDevice> started = new ArrayDeque<>();

    public UbootEmulatedLine() throws java.security.GeneralSecurityException {
        this.chips = new CaamEmulatedLine();
        this.family = chips.family();
    }

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
             UbootMpBackend console = UbootEmulatedDevice.attach(board)) {
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
    public java.util.Optional<DeviceBackend> otherSrk(Path dir) throws Exception {
        return java.util.Optional.of(board(family.otherSrkChip(), dir));
    }

    @Override
    public String storedIn() {
        return "CAAM-sealed blobs (emulated; the station signs over the board's console)";
    }

    @Override
    public String deviceFiles() {
        return "emulated chip and CAAM blobs";
    }

    @Override
    public String referenceSource() {
        return "over its EMULATED U-Boot console (mfgprot pubk)";
    }

    @Override
    public String description() {
        return "EMULATED i.MX boards driven over their EMULATED U-Boot consoles (software emulation, not silicon)";
    }

    private synchronized DeviceBackend board(EmulatedCaamChip chip, Path dir) throws Exception {
        UbootEmulatedDevice device = UbootEmulatedDevice.start(chip, dir.resolve(chip.chipIdHex()));
        started.push(device);
        return device;
    }

    /** Closes the ports and stops the emulated consoles. */
    @Override
    public synchronized void close() {
        while (!started.isEmpty()) {
            started.pop().close();
        }
    }
}
