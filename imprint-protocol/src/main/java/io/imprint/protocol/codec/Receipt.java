package io.imprint.protocol.codec;

import java.util.HexFormat;

/**
 * What a device signs after it has stored its secrets: the session, its identifiers and a digest
 * of exactly what it stored (see {@link io.imprint.protocol.envelope.StoredDigest}).
 */
public record Receipt(byte[] sessionId, byte[] chipId, String serial, byte[] storedDigest) {
    public Receipt {
        sessionId = sessionId.clone();
        chipId = chipId.clone();
        storedDigest = storedDigest.clone();
    }

    @Override public byte[] sessionId() { return sessionId.clone(); }
    @Override public byte[] chipId() { return chipId.clone(); }
    @Override public byte[] storedDigest() { return storedDigest.clone(); }

    public String chipIdHex() {
        return HexFormat.of().withUpperCase().formatHex(chipId);
    }
}
