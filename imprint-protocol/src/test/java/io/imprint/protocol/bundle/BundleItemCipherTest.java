package io.imprint.protocol.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import javax.crypto.AEADBadTagException;
import org.junit.jupiter.api.Test;

/** Pins item encryption to the independently computed vectors in {@code bundle-item-v1.txt}. */
class BundleItemCipherTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void seal_fixedIv_matchesVectors() throws Exception {
        Vectors v = Vectors.load("bundle-item-v1.txt");
        BundleKey key = new BundleKey(v.hex("key"));
        for (String tag : new String[] {"lot", "unit"}) {
            String name = v.text(tag + ".name");
            String serial = tag.equals("lot") ? "" : v.text(tag + ".serial");
            assertThat(HEX.formatHex(BundleItemCipher.aad(v.hex("headerDigest"), name, serial)))
                    .isEqualTo(v.text(tag + ".aad"));
            byte[] sealed = BundleItemCipher.seal(key, v.hex("headerDigest"), name, serial, v.hex("plaintext"), v.hex("iv"));
            assertThat(HEX.formatHex(sealed)).isEqualTo(v.text(tag + ".sealed"));
            assertThat(BundleItemCipher.open(key, v.hex("headerDigest"), name, serial, sealed)).isEqualTo(v.hex("plaintext"));
        }
    }

    @Test
    void open_otherSerial_throws() throws Exception {
        Vectors v = Vectors.load("bundle-item-v1.txt");
        BundleKey key = new BundleKey(v.hex("key"));
        assertThatThrownBy(() -> BundleItemCipher.open(key, v.hex("headerDigest"), "device-secret", "SN000002",
                v.hex("unit.sealed"))).isInstanceOf(AEADBadTagException.class);
    }

    @Test
    void open_otherHeaderDigest_throws() throws Exception {
        Vectors v = Vectors.load("bundle-item-v1.txt");
        byte[] digest = v.hex("headerDigest");
        digest[0] ^= 1;
        assertThatThrownBy(() -> BundleItemCipher.open(new BundleKey(v.hex("key")), digest, "disk-key", "",
                v.hex("lot.sealed"))).isInstanceOf(AEADBadTagException.class);
    }
}
