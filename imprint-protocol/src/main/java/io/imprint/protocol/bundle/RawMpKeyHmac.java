package io.imprint.protocol.bundle;

import io.imprint.protocol.mp.MpPublicKey;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@link MpKeyedHmac} computed in software from the raw MP public key: what a device does with its
 * own key, and what a build server without an HSM does.
 */
public final class RawMpKeyHmac implements MpKeyedHmac {
    private final SecretKeySpec key;
    private final String fingerprint;

    public RawMpKeyHmac(MpPublicKey mpKey) {
        this.key = new SecretKeySpec(mpKey.xy(), "HmacSHA256");
        this.fingerprint = mpKey.fingerprint().substring(0, 16);
    }

    @Override
    public Mac newMac() throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(key);
        return mac;
    }

    @Override
    public String description() {
        return "software HMAC keyed with MP public key " + fingerprint;
    }

    @Override
    public String toString() {
        return "RawMpKeyHmac[" + fingerprint + "]";
    }
}
