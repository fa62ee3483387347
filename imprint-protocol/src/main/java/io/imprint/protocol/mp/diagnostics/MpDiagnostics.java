package io.imprint.protocol.mp.diagnostics;

import io.imprint.protocol.mp.MpDigest;
import io.imprint.protocol.mp.MpPublicKey;
import io.imprint.protocol.mp.MpVerifier;
import io.imprint.protocol.mp.Mpmr;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SignatureException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Finds out which MPMR a chip signed with. NXP's verify tool assumes an all-zero MPMR, OP-TEE fills
 * the register at boot, and U-Boot never prints it: so try the claimed value, all zeros and the
 * OP-TEE fill, against the signature and against the printed digest. Pure: no I/O.
 */
public final class MpDiagnostics {
    private static final int DIGEST_BYTES = 32;

    private MpDiagnostics() {
    }

    /** Diagnoses a pasted U-Boot transcript against an enrolled key. */
    public static MpDiagnosis diagnose(MpPublicKey key, UbootSignTranscript transcript, Optional<Mpmr> claimed) {
        return diagnose(key, transcript.message(), transcript.rs(), claimed, Optional.of(transcript.digest()));
    }

    /**
     * Tries the claimed MPMR (if any), all zeros and the OP-TEE fill against the signature and, when
     * given, the printed digest.
     *
     * @throws IllegalArgumentException if the signature or digest has the wrong length
     */
    public static MpDiagnosis diagnose(MpPublicKey key, byte[] message, byte[] rs, Optional<Mpmr> claimed,
                                       Optional<byte[]> printedDigest) {
        int expected = 2 * key.curve().coordinateBytes();
        if (rs.length != expected) {
            throw new IllegalArgumentException("signature must be " + expected + " bytes r||s, got " + rs.length);
        }
        List<Mpmr> candidates = candidates(claimed);
        Optional<Mpmr> signed = candidates.stream().filter(m -> verifies(key, m, message, rs)).findFirst();
        Optional<Mpmr> digest = printedDigest.flatMap(d -> digestMatch(candidates, message, d));
        String explanation = signatureLine(signed, candidates)
                + printedDigest.map(d -> " " + digestLine(digest, signed)).orElse("");
        return new MpDiagnosis(candidates, true, signed, printedDigest.isPresent(), digest, explanation);
    }

    /** Without a signature: which known MPMR makes SHA-256(MPMR || message) equal the printed digest. */
    public static MpDiagnosis diagnoseDigest(byte[] message, byte[] printedDigest, Optional<Mpmr> claimed) {
        List<Mpmr> candidates = candidates(claimed);
        Optional<Mpmr> digest = digestMatch(candidates, message, printedDigest);
        String explanation = digest.map(m -> "The printed digest is SHA-256(MPMR || message) with the " + m.describe()
                + " MPMR: verify signatures from this chip with that MPMR.").orElseGet(() -> digestLine(digest, Optional.empty()));
        return new MpDiagnosis(candidates, false, Optional.empty(), true, digest, explanation);
    }

    private static List<Mpmr> candidates(Optional<Mpmr> claimed) {
        LinkedHashSet<Mpmr> set = new LinkedHashSet<>();
        claimed.ifPresent(set::add);
        set.add(Mpmr.ZEROS);
        set.add(Mpmr.OPTEE_FILL);
        return new ArrayList<>(set);
    }

    private static boolean verifies(MpPublicKey key, Mpmr mpmr, byte[] message, byte[] rs) {
        try {
            MpVerifier.verify(key, mpmr, message, rs);
            return true;
        } catch (SignatureException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot run ECDSA verification", e);
        }
    }

    private static Optional<Mpmr> digestMatch(List<Mpmr> candidates, byte[] message, byte[] printed) {
        if (printed.length != DIGEST_BYTES) {
            throw new IllegalArgumentException("digest must be 32 bytes (SHA-256), got " + printed.length);
        }
        for (Mpmr mpmr : candidates) {
            if (MessageDigest.isEqual(MpDigest.of(mpmr, message), printed)) {
                return Optional.of(mpmr);
            }
        }
        return Optional.empty();
    }

    private static String signatureLine(Optional<Mpmr> signed, List<Mpmr> tried) {
        if (signed.isEmpty()) {
            return "The signature verifies with none of " + names(tried) + ": wrong public key (another product,"
                    + " another SRK or a counterfeit chip), different message bytes, or an unknown MPMR.";
        }
        Mpmr m = signed.get();
        if (m.equals(Mpmr.ZEROS)) {
            return "The signature verifies with the all-zeros MPMR: nothing filled the register before signing"
                    + " (what NXP's verify tool assumes).";
        }
        if (m.equals(Mpmr.OPTEE_FILL)) {
            return "The signature verifies with the OP-TEE fill MPMR, not all zeros: OP-TEE ran before U-Boot and"
                    + " filled and locked the register, so NXP's verify tool (which assumes zeros) says Invalid;"
                    + " verify with the MPMR the device reports.";
        }
        return "The signature verifies with the claimed MPMR " + m.hex() + ".";
    }

    private static String digestLine(Optional<Mpmr> digest, Optional<Mpmr> signed) {
        if (digest.isEmpty()) {
            return "The printed digest matches SHA-256(MPMR || message) for none of the known MPMRs: the message"
                    + " bytes differ from what was signed, or the chip used an unknown MPMR.";
        }
        String line = "The printed digest is SHA-256(MPMR || message) with the " + digest.get().describe() + " MPMR";
        if (signed.isEmpty()) {
            return line + ", so the chip used that MPMR and the public key or the signature is what differs.";
        }
        return line + (signed.get().equals(digest.get()) ? ", consistent with the signature." : ", yet the signature"
                + " verifies with " + signed.get().describe() + ": the transcript is inconsistent.");
    }

    private static String names(List<Mpmr> mpmrs) {
        List<String> names = mpmrs.stream().map(m -> m.describe()).toList();
        return "the MPMRs tried (" + String.join(", ", names) + ")";
    }
}
