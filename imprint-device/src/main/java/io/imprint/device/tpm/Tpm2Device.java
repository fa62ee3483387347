package io.imprint.device.tpm;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A TPM 2.0 reached through tpm2-tools: reads the EK certificate from its NV index and creates
 * attestation keys under the EK. No resource manager is assumed (swtpm has none): every operation
 * flushes the transient objects and sessions it loaded.
 */
public final class Tpm2Device {
    /** NV index of the RSA-2048 EK certificate (TCG EK Credential Profile, §2.2.1.4). */
    public static final int RSA_EK_CERT_NV_INDEX = 0x01C00002;
    /** Where TCG advises platforms (and swtpm_setup) to persist the RSA EK. */
    public static final int PERSISTENT_RSA_EK = 0x81010001;
    /** Default PCR selection quoted with the evidence: the firmware and boot PCRs of the SHA-256 bank. */
    public static final String DEFAULT_PCRS = "sha256:0,1,2,3,4,5,6,7";
    private static final int MAX_EK_CERT_NV = 4096;

    private final TpmTools tools;
    private final Path workParent;
    private final String pcrs;
    /** The persistent handle of the EK, or 0 to create the EK from the default template each time. */
    private final int persistentEk;

    /**
     * A TPM at {@code tcti}; command files live in owner-only directories under {@code workParent};
     * quotes cover {@code pcrs} (tpm2-tools PCR selection syntax).
     */
    public Tpm2Device(String tcti, Duration timeout, Path workParent, String pcrs) {
        this(new TpmTools(tcti, timeout), workParent, pcrs, 0);
    }

    private Tpm2Device(TpmTools tools, Path workParent, String pcrs, int persistentEk) {
        if (!pcrs.matches("(sha1|sha256|sha384|sha512):[0-9]{1,2}(,[0-9]{1,2}){0,23}")) {
            throw new IllegalArgumentException("PCR selection must look like sha256:0,1,7");
        }
        this.tools = tools;
        this.workParent = workParent;
        this.pcrs = pcrs;
        this.persistentEk = persistentEk;
    }

    /**
     * This TPM, using the EK already persisted at {@code handle} (TCG: {@code 0x81010001} for the RSA
     * EK) instead of re-creating it from the template for every attestation key, which on a TPM chip
     * means an RSA key generation each time.
     */
    public Tpm2Device withPersistentEk(int handle) {
        if (handle >>> 24 != 0x81) {
            throw new IllegalArgumentException(String.format("0x%08x is not a persistent handle (0x81xxxxxx)", handle));
        }
        return new Tpm2Device(tools, workParent, pcrs, handle);
    }

    public Tpm2Device(String tcti) {
        this(tcti, Duration.ofSeconds(30), Path.of(System.getProperty("java.io.tmpdir")), DEFAULT_PCRS);
    }

    TpmTools tools() {
        return tools;
    }

    /** The TCTI this TPM is reached by. */
    public String tcti() {
        return tools.tcti();
    }

    /** Whether this is swtpm, a software emulator (its TCTI says so), rather than a TPM chip. */
    public boolean isEmulator() {
        return tools.tcti().startsWith("swtpm:");
    }

    Path workParent() {
        return workParent;
    }

    String pcrs() {
        return pcrs;
    }

    /**
     * The EK certificate (DER) from NV index 0x01C00002, without the zero padding some vendors
     * leave after it.
     */
    public byte[] ekCertificate() throws IOException {
        byte[] nv = tools.run("tpm2_nvread", String.format("0x%08X", RSA_EK_CERT_NV_INDEX));
        if (nv.length > MAX_EK_CERT_NV) {
            throw new TpmCommandException("the EK certificate NV index holds more than " + MAX_EK_CERT_NV + " bytes");
        }
        return DerLength.trimmed(nv);
    }

    /**
     * Creates the EK (from the standard RSA template, the key its certificate certifies), or reads
     * the persistent one (see {@link #withPersistentEk}), and a new
     * attestation key under it: ECDSA P-256 / SHA-256, restricted, fixedTPM, fixedParent. The key
     * lives as saved contexts in a private directory until the returned object is closed; a TPM
     * restart in between invalidates it.
     */
    public Tpm2AttestationKey createAttestationKey() throws IOException {
        PrivateDir dir = new PrivateDir(workParent);
        String ek = persistentEk != 0 ? String.format("0x%08x", persistentEk) : dir.file("ek.ctx");
        try {
            return thenFlush(() -> {
                if (persistentEk != 0) {
                    tools.run("tpm2_readpublic", "-c", ek, "-o", dir.file("ek.pub"));
                } else {
                    tools.run("tpm2_createek", "-c", ek, "-G", "rsa", "-u", dir.file("ek.pub"));
                }
                tools.run("tpm2_createak", "-C", ek, "-c", dir.file("ak.ctx"), "-G", "ecc",
                        "-g", "sha256", "-s", "ecdsa", "-u", dir.file("ak.pub"), "-f", "tss");
                return new Tpm2AttestationKey(this, dir, ek, dir.read("ek.pub", 2048), dir.read("ak.pub", 2048));
            });
        } catch (IOException | RuntimeException e) {
            dir.close();
            throw e;
        }
    }

    /** A TPM operation that may throw. */
    interface TpmWork<T> {
        T run() throws IOException;
    }

    /**
     * Runs {@code work}, then flushes every transient object it loaded (there is no resource
     * manager to do it); after a failure also every loaded and saved session. A failure of the work
     * wins over a failure of the flush. (tpm2-tools 5.4 flushes only the last kind when given
     * {@code -t -l -s} together, so each kind is its own call.)
     */
    <T> T thenFlush(TpmWork<T> work) throws IOException {
        T result;
        try {
            result = work.run();
        } catch (IOException | RuntimeException e) {
            for (String kind : new String[] {"-t", "-l", "-s"}) {
                try {
                    tools.run("tpm2_flushcontext", kind);
                } catch (TpmCommandException flushFailed) {
                    e.addSuppressed(flushFailed);
                }
            }
            throw e;
        }
        tools.run("tpm2_flushcontext", "-t");
        return result;
    }

    @Override
    public String toString() {
        return "Tpm2Device[" + tools.tcti() + "]";
    }
}
