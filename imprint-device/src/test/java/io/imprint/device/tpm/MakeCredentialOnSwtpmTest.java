package io.imprint.device.tpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.protocol.crypto.Providers;
import io.imprint.protocol.tpm.CredentialBlob;
import io.imprint.protocol.tpm.MakeCredential;
import io.imprint.protocol.tpm.TpmPublic;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java MakeCredential against a real TPM (swtpm): tpm2_activatecredential opens it, and only it. */
class MakeCredentialOnSwtpmTest {
    @TempDir
    static Path dir;
    static TestTpm tpm;
    static TestTpm otherTpm;

    @BeforeAll
    static void start() throws Exception {
        tpm = TestTpm.start(dir.resolve("a"));
        otherTpm = TestTpm.start(dir.resolve("b"));
    }

    @AfterAll
    static void stop() {
        if (tpm != null) {
            tpm.close();
        }
        if (otherTpm != null) {
            otherTpm.close();
        }
    }

    @Test
    void activate_javaBlobForThisEkAndAk_returnsTheSecret() throws Exception {
        try (Tpm2AttestationKey ak = tpm.device().createAttestationKey()) {
            byte[] secret = Providers.randomBytes(32);
            CredentialBlob blob = MakeCredential.make(TpmPublic.parseTpm2b(ak.ekPublic()),
                    TpmPublic.parseTpm2b(ak.akPublic()).name(), secret);

            assertThat(ak.activate(blob)).isEqualTo(secret);
        }
    }

    @Test
    void activate_blobMadeForAnotherEk_fails() throws Exception {
        try (Tpm2AttestationKey ak = tpm.device().createAttestationKey();
             Tpm2AttestationKey other = otherTpm.device().createAttestationKey()) {
            CredentialBlob blob = MakeCredential.make(TpmPublic.parseTpm2b(other.ekPublic()),
                    TpmPublic.parseTpm2b(ak.akPublic()).name(), Providers.randomBytes(32));

            assertThatThrownBy(() -> ak.activate(blob)).isInstanceOf(TpmCommandException.class)
                    .hasMessageStartingWith("tpm2_activatecredential failed");
        }
    }

    @Test
    void activate_blobMadeForAnotherAkName_fails() throws Exception {
        try (Tpm2AttestationKey ak = tpm.device().createAttestationKey();
             Tpm2AttestationKey second = tpm.device().createAttestationKey()) {
            CredentialBlob blob = MakeCredential.make(TpmPublic.parseTpm2b(ak.ekPublic()),
                    TpmPublic.parseTpm2b(second.akPublic()).name(), Providers.randomBytes(32));

            assertThatThrownBy(() -> ak.activate(blob)).isInstanceOf(TpmCommandException.class)
                    .hasMessageContaining("tpm2_activatecredential failed");
            // The same TPM still activates a blob for the right name afterwards (nothing left loaded).
            byte[] secret = Providers.randomBytes(16);
            assertThat(second.activate(MakeCredential.make(TpmPublic.parseTpm2b(second.ekPublic()),
                    TpmPublic.parseTpm2b(second.akPublic()).name(), secret))).isEqualTo(secret);
        }
    }
}
