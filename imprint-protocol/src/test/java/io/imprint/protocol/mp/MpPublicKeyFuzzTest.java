package io.imprint.protocol.mp;

import io.imprint.protocol.testing.Fuzz;
import io.imprint.protocol.testing.Mutations;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The MP public key text forms (U-Boot output, hex, PEM) fed mutations and random text. */
class MpPublicKeyFuzzTest {
    static final String HEX = MpVerifierTest.PUBKEY;

    static List<String> valid() throws GeneralSecurityException {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024);
        String rsaPem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(rsa.generateKeyPair().getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        return List.of("=> mfgprot pubk\nPublic key:\n" + HEX + "\n=> ", HEX.toLowerCase(),
                MpPublicKey.parse(HEX).toPem(), rsaPem);
    }

    @Provide
    Arbitrary<String> keyText() throws GeneralSecurityException {
        return Arbitraries.oneOf(Mutations.ofText(valid()), Mutations.randomText(300));
    }

    @Property(tries = 400)
    void parse_mutatedOrRandomKeyText_onlyGeneralSecurityException(@ForAll("keyText") String text) {
        Fuzz.onlyThrows(() -> MpPublicKey.parse(text), GeneralSecurityException.class);
    }

    @Property(tries = 100)
    void fromRaw_randomBytes_onlyGeneralSecurityException(@ForAll("raw") byte[] raw) {
        Fuzz.onlyThrows(() -> MpPublicKey.fromRaw(raw), GeneralSecurityException.class);
    }

    @Provide
    Arbitrary<byte[]> raw() {
        return Arbitraries.oneOf(Mutations.randomBytes(200), Mutations.of(java.util.HexFormat.of().parseHex(HEX)));
    }
}
