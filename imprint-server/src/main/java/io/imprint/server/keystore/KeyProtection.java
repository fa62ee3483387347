package io.imprint.server.keystore;

/**
 * How a stored key is protected, as read back from its store.
 *
 * @param tokenObject CKA_TOKEN: the key persists in a hardware/software token
 * @param sensitive CKA_SENSITIVE: the token never reveals the value in plaintext
 * @param extractable CKA_EXTRACTABLE: the value may be wrapped out of the token
 * @param valueReadable whether the key object handed to the JVM exposes its bytes ({@code getEncoded() != null})
 * @param source where the facts come from
 */
public record KeyProtection(boolean tokenObject, boolean sensitive, boolean extractable, boolean valueReadable,
        String source) {
    /** True when the key value cannot leave its store. */
    public boolean keptInside() {
        return tokenObject && sensitive && !extractable && !valueReadable;
    }
}
