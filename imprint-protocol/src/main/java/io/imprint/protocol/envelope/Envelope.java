package io.imprint.protocol.envelope;

/**
 * Secrets sealed to one device key.
 *
 * @param ephemeralKey the server's one-time ECDH P-256 public key, SEC1 uncompressed (65 bytes)
 * @param iv the 12-byte AES-GCM nonce
 * @param ciphertext AES-256-GCM ciphertext with the 16-byte tag appended
 */
public record Envelope(byte[] ephemeralKey, byte[] iv, byte[] ciphertext) {
    public Envelope {
        ephemeralKey = ephemeralKey.clone();
        iv = iv.clone();
        ciphertext = ciphertext.clone();
    }

    @Override public byte[] ephemeralKey() { return ephemeralKey.clone(); }
    @Override public byte[] iv() { return iv.clone(); }
    @Override public byte[] ciphertext() { return ciphertext.clone(); }
}
