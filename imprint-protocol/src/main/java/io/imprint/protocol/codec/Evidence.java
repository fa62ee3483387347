package io.imprint.protocol.codec;

import java.util.HexFormat;

/**
 * The claims a device signs with its MP key when asking for provisioning: who it is, what it runs,
 * the server's challenge, the key the secrets are to be encrypted to, and a CSR for its identity key.
 *
 * @param product product name the device was built as
 * @param chipId the chip's fused unique ID
 * @param serial the serial the station assigned, or empty when the order assigns serials
 * @param metadata SRK hash, software version, lifecycle and extra claims
 * @param sessionId the challenge session
 * @param nonce the challenge nonce, 32 bytes
 * @param deviceKey the device's fresh ECDH P-256 public key, SEC1 uncompressed (65 bytes)
 * @param csr DER PKCS#10 request for the device identity key
 */
public record Evidence(String product, byte[] chipId, String serial, DeviceMetadata metadata,
                       byte[] sessionId, byte[] nonce, byte[] deviceKey, byte[] csr) {
    public Evidence {
        chipId = chipId.clone();
        sessionId = sessionId.clone();
        nonce = nonce.clone();
        deviceKey = deviceKey.clone();
        csr = csr.clone();
    }

    @Override public byte[] chipId() { return chipId.clone(); }
    @Override public byte[] sessionId() { return sessionId.clone(); }
    @Override public byte[] nonce() { return nonce.clone(); }
    @Override public byte[] deviceKey() { return deviceKey.clone(); }
    @Override public byte[] csr() { return csr.clone(); }

    /** The chip ID as uppercase hex, the form used in the store and in certificates. */
    public String chipIdHex() {
        return HexFormat.of().withUpperCase().formatHex(chipId);
    }
}
