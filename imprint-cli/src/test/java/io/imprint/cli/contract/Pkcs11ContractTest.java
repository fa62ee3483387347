package io.imprint.cli.contract;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.cli.backend.DeviceLine;
import io.imprint.cli.backend.pkcs11.SoftHsmLine;
import io.imprint.device.pkcs11.Pkcs11DeviceConfig;
import io.imprint.device.pkcs11.Pkcs11SecureElement;
import io.imprint.device.pkcs11.Pkcs11Token;
import io.imprint.device.pkcs11.Pkcs11TokenStore;
import io.imprint.protocol.problem.ProblemCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.PrivateKey;
import java.util.Collections;
import org.junit.jupiter.api.Test;

/**
 * The backend contract on EMULATED secure elements ({@code --backend pkcs11}, method pkcs11-se):
 * SoftHSM2 tokens made per device by the test, keys generated in them, device certificates from a
 * test vendor CA.
 */
class Pkcs11ContractTest extends DeviceBackendContract {
    private SoftHsmLine line;

    @Override
    protected DeviceLine line(Path dir) throws Exception {
        assumeTrue(TestSoftHsm.installed(), "SoftHSM2 not installed (apt-get install softhsm2): pkcs11 contract skipped");
        line = new SoftHsmLine(TestSoftHsm.dir());
        return line;
    }

    @Test
    void attest_vendorCertificateOfAnotherKey_refusedBadSignature() throws Exception {
        assertProvisionRefused(line.withCopiedCertificate(deviceDir()), ProblemCode.BAD_SIGNATURE);
    }

    @Test
    void deviceKey_generatedInToken_notExtractable() throws Exception {
        Path dir = deviceDir();
        Pkcs11SecureElement se = (Pkcs11SecureElement) line.genuine(dir);
        try (Pkcs11Token token = reopen(dir)) {
            Key key = token.keyStore().getKey(Pkcs11SecureElement.KEY_LABEL, null);
            assertThat(key).isInstanceOf(PrivateKey.class);
            assertThat(key.getEncoded()).as("the private key never leaves the token").isNull();
            assertThat(token.keyStore().getCertificate(Pkcs11SecureElement.KEY_LABEL)).isEqualTo(se.certificate());
        }
    }

    @Test
    void secureStore_valuePut_isATokenObjectSeenByAnotherSession() throws Exception {
        Path dir = deviceDir();
        Pkcs11SecureElement se = (Pkcs11SecureElement) line.genuine(dir);
        se.store().put("disk-encryption-key", new byte[] {7, 7, 7});
        se.store().put("disk-encryption-key", new byte[] {9});
        try (Pkcs11Token token = reopen(dir)) {
            assertThat(new Pkcs11TokenStore(token).get("disk-encryption-key")).get().isEqualTo(new byte[] {9});
            assertThat(Collections.list(token.keyStore().aliases()))
                    .as("one token object holds the value once the overwrite completed")
                    .filteredOn(a -> a.startsWith("imprint.store.disk-encryption-key")).hasSize(1);
        }
    }

    /** A second login to the same token (its own provider instance and session), from the device's config file. */
    private static Pkcs11Token reopen(Path dir) throws Exception {
        Pkcs11DeviceConfig config = Pkcs11DeviceConfig.load(dir);
        char[] pin = Files.readString(config.pinFile()).strip().toCharArray();
        return Pkcs11Token.open(config.module(), config.token(), pin);
    }
}
