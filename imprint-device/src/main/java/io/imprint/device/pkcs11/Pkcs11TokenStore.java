package io.imprint.device.pkcs11;

import io.imprint.device.storage.SecureStore;
import io.imprint.protocol.envelope.SecretItems;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secure store of a secure element: every value is a private generic-secret object in the token
 * (readable only after login with the token's PIN). A value lives in one of two objects
 * ({@code imprint.store.<name>.0} / {@code .1}), each holding a u64 generation then the value: a put
 * writes the generation after the newest into the other object and only then deletes the older one,
 * so an interrupted put leaves the previous value readable. Values are never logged.
 */
public final class Pkcs11TokenStore implements SecureStore {
    private static final String PREFIX = "imprint.store.";
    /** The token's generic-secret objects hold at most this much (SoftHSM2 and SE050 data objects allow more). */
    public static final int MAX_VALUE_BYTES = 64 * 1024;
    private final Pkcs11Token token;

    public Pkcs11TokenStore(Pkcs11Token token) {
        this.token = token;
    }

    @Override
    public synchronized void put(String name, byte[] value) throws IOException, GeneralSecurityException {
        check(name);
        if (value.length > MAX_VALUE_BYTES) {
            throw new IOException("value of " + name + " over " + MAX_VALUE_BYTES + " bytes");
        }
        Optional<Stored> current = newest(name);
        long generation = current.map(s -> s.generation + 1).orElse(1L);
        int slot = current.map(s -> 1 - s.slot).orElse(0);
        byte[] object = ByteBuffer.allocate(8 + value.length).putLong(generation).put(value).array();
        try {
            token.keyStore().setEntry(alias(name, slot), new KeyStore.SecretKeyEntry(
                    new SecretKeySpec(object, "HmacSHA256")), null);
        } finally {
            Arrays.fill(object, (byte) 0);
        }
        if (current.isPresent()) {
            token.keyStore().deleteEntry(alias(name, current.get().slot));
        }
    }

    @Override
    public synchronized Optional<byte[]> get(String name) throws IOException, GeneralSecurityException {
        check(name);
        return newest(name).map(s -> s.value);
    }

    @Override
    public synchronized List<String> names() throws IOException {
        TreeSet<String> names = new TreeSet<>();
        try {
            for (String alias : Collections.list(token.keyStore().aliases())) {
                if (alias.startsWith(PREFIX) && alias.length() > PREFIX.length() + 2) {
                    names.add(alias.substring(PREFIX.length(), alias.length() - 2));
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot list the objects of " + token.describe() + ": " + e.getMessage(), e);
        }
        return new ArrayList<>(names);
    }

    @Override
    public synchronized void delete(String name) throws IOException {
        check(name);
        try {
            for (int slot = 0; slot < 2; slot++) {
                if (token.keyStore().containsAlias(alias(name, slot))) {
                    token.keyStore().deleteEntry(alias(name, slot));
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot delete " + name + " from " + token.describe() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String description() {
        return "token objects of " + token.describe();
    }

    private record Stored(int slot, long generation, byte[] value) {
    }

    private Optional<Stored> newest(String name) throws GeneralSecurityException {
        Stored best = null;
        for (int slot = 0; slot < 2; slot++) {
            Key key = token.keyStore().getKey(alias(name, slot), null);
            if (key == null) {
                continue;
            }
            byte[] object = key.getEncoded();
            if (object == null || object.length < 8) {
                throw new GeneralSecurityException("stored object " + alias(name, slot) + " is not readable");
            }
            ByteBuffer b = ByteBuffer.wrap(object);
            long generation = b.getLong();
            byte[] value = Arrays.copyOfRange(object, 8, object.length);
            Arrays.fill(object, (byte) 0);
            if (best == null || generation > best.generation) {
                best = new Stored(slot, generation, value);
            }
        }
        return Optional.ofNullable(best);
    }

    private static String alias(String name, int slot) {
        return PREFIX + name + "." + slot;
    }

    private static void check(String name) {
        if (name == null || !SecretItems.NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("store name must match " + SecretItems.NAME.pattern());
        }
    }

    @Override
    public String toString() {
        return "Pkcs11TokenStore[" + token.describe() + "]";
    }
}
