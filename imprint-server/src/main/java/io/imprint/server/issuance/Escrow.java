package io.imprint.server.issuance;

import io.imprint.protocol.envelope.SecretItems;
import java.security.GeneralSecurityException;

/**
 * Keeps issued secrets recoverable for re-issue and receipt checks, encrypted and bound to their
 * product and chip: a ciphertext moved to another unit does not open.
 */
public interface Escrow {
    byte[] seal(String product, String chipIdHex, SecretItems items) throws GeneralSecurityException;

    SecretItems open(String product, String chipIdHex, byte[] sealed) throws GeneralSecurityException;
}
