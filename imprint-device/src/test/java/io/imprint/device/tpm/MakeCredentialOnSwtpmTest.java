package io.imprint.device.tpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.protocol.crypto.Providers;
import io.imprint.protocol.tpm.CredentialBlob;
import io.imprint.protocol.tpm.MakeCredential;
import io.imprint.protocol.tpm.TpmPublic;
import org.junit.jupiter.api.Test;

/** The Java MakeCredential against a real TPM (swtpm): tpm2_activatecredential opens it, and only it. */
class MakeCredentialOnSwtpmTest extends TwoSwtpms {
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
    void activate_javaBlobForTheEccP384Ek_returnsTheSecret() throws Exception {
        // swtpm's ECC EK (NIST P-384, SHA-384 names, AES-256-CFB) is persistent at 0x81010016.
        TpmTools tools = tpm.device().tools();
        try (PrivateDir work = new PrivateDir(dir)) {
            tools.run("tpm2_readpublic", "-c", "0x81010016", "-o", work.file("ek.pub"));
            tools.run("tpm2_createak", "-C", "0x81010016", "-c", work.file("ak.ctx"), "-G", "ecc", "-g", "sha256",
                    "-s", "ecdsa", "-u", work.file("ak.pub"));
            tools.run("tpm2_flushcontext", "-t");
            TpmPublic ek = TpmPublic.parseTpm2b(work.read("ek.pub", 2048));
            byte[] secret = Providers.randomBytes(32);
            CredentialBlob blob = MakeCredential.make(ek, TpmPublic.parseTpm2b(work.read("ak.pub", 2048)).name(), secret);
            work.write("cred", credentialFile(blob));

            tools.run("tpm2_activatecredential", "-c", work.file("ak.ctx"), "-C", "0x81010016", "-i", work.file("cred"),
                    "-o", work.file("out"));
            tools.run("tpm2_flushcontext", "-t");

            assertThat(ek.curve()).isEqualTo(io.imprint.protocol.tpm.TpmAlg.ECC_NIST_P384);
            assertThat(work.read("out", 64)).isEqualTo(secret);
        }
    }

    /** tpm2-tools' credential file: BADCC0DE, version 1, then both parts with u16 sizes. */
    static byte[] credentialFile(CredentialBlob blob) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(12 + blob.idObject().length + blob.encryptedSecret().length);
        b.putInt(0xBADCC0DE).putInt(1).putShort((short) blob.idObject().length).put(blob.idObject())
                .putShort((short) blob.encryptedSecret().length).put(blob.encryptedSecret());
        return b.array();
    }

    @Test
    void activate_withThePersistentEk_returnsTheSecret() throws Exception {
        // swtpm_setup persists the RSA EK at 0x81010001, as TCG advises platforms to.
        try (Tpm2AttestationKey ak = tpm.device().withPersistentEk(Tpm2Device.PERSISTENT_RSA_EK).createAttestationKey()) {
            byte[] secret = Providers.randomBytes(32);
            CredentialBlob blob = MakeCredential.make(TpmPublic.parseTpm2b(ak.ekPublic()),
                    TpmPublic.parseTpm2b(ak.akPublic()).name(), secret);

            assertThat(ak.activate(blob)).isEqualTo(secret);
            assertThat(TpmPublic.parseTpm2b(ak.ekPublic()).sameKeyAs(
                    io.imprint.protocol.tpm.EkTrust.parse(tpm.device().ekCertificate()).getPublicKey())).isTrue();
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
