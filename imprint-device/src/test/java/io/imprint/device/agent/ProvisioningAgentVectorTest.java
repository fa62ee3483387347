package io.imprint.device.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.device.backend.EmulatedCaamChip;
import io.imprint.device.backend.FixedMpChip;
import io.imprint.device.client.ProvisioningClient;
import io.imprint.device.client.RetryPolicy;
import io.imprint.device.client.ServerTrust;
import io.imprint.device.storage.EmulatedCaamBlobStore;
import io.imprint.protocol.codec.EvidenceCodec;
import io.imprint.protocol.message.AttestationRequest;
import io.imprint.protocol.message.Base64Field;
import io.imprint.protocol.message.EnvelopeMessage;
import io.imprint.protocol.message.ProvisioningResponse;
import io.imprint.protocol.message.ReceiptRequest;
import io.imprint.protocol.mp.Mpmr;
import io.imprint.protocol.testing.FixedKeys;
import io.imprint.protocol.testing.VectorFile;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The device code, given the vectors' issued response (envelope-v1.txt, the chain of receipt-v1.txt),
 * stores it and signs exactly the receipt of {@code vectors/receipt-v1.txt}.
 */
class ProvisioningAgentVectorTest {
    private static final VectorFile EVIDENCE = VectorFile.load("evidence-v1.txt");
    private static final VectorFile ENVELOPE = VectorFile.load("envelope-v1.txt");
    private static final VectorFile RECEIPT = VectorFile.load("receipt-v1.txt");

    @TempDir Path dir;

    @Test
    void store_vectorResponse_signsTheVectorReceipt() throws Exception {
        FixedMpChip chip = new FixedMpChip(EVIDENCE.text("mpScalar"), Mpmr.of(EVIDENCE.hex("mpmr")),
                EVIDENCE.hex("chipId"), EVIDENCE.hex("srkHash"));
        EmulatedCaamBlobStore store = new EmulatedCaamBlobStore(dir, EmulatedCaamChip.builder("MIMX8MM6",
                EVIDENCE.hex("srkHash"), "vector blob store seed 000000001".getBytes()).build());
        KeyPair identity = FixedKeys.p256(EVIDENCE.text("identityScalar"));
        store.put(IdentityKey.NAME, identity.getPrivate().getEncoded());
        byte[] evidence = EVIDENCE.hex("evidence");
        PreparedAttestation prepared = new PreparedAttestation(EvidenceCodec.decode(evidence), evidence,
                new AttestationRequest(Base64Field.encode(evidence), Base64Field.encode(EVIDENCE.hex("mpmr")),
                        Base64Field.encode(EVIDENCE.hex("signature"))),
                FixedKeys.p256(EVIDENCE.text("deviceScalar")).getPrivate());
        ProvisioningResponse response = new ProvisioningResponse(Base64Field.encode(ENVELOPE.hex("sessionId")),
                RECEIPT.text("serial"), new EnvelopeMessage(Base64Field.encode(ENVELOPE.hex("ephemeralKey")),
                        Base64Field.encode(ENVELOPE.hex("iv")), Base64Field.encode(ENVELOPE.hex("ciphertext"))),
                List.of(pem(RECEIPT.hex("certificate.1")), pem(RECEIPT.hex("certificate.2"))), "issued");

        try (ProvisioningClient unused = new ProvisioningClient(URI.create("https://127.0.0.1:9"),
                ServerTrust.pinned("00".repeat(32)), RetryPolicy.none())) {
            StoredUnit stored = new ProvisioningAgent(chip, chip, store, unused).store(prepared, response);

            ReceiptRequest receipt = stored.receipt();
            assertThat(Base64.getDecoder().decode(receipt.receipt())).isEqualTo(RECEIPT.hex("receipt"));
            assertThat(Base64.getDecoder().decode(receipt.mpmr())).isEqualTo(RECEIPT.hex("mpmr"));
            assertThat(Base64.getDecoder().decode(receipt.signature())).isEqualTo(RECEIPT.hex("signature"));
            assertThat(stored.secretNames()).containsExactlyElementsOf(RECEIPT.withPrefix("secret.").keySet());
            assertThat(store.get("cloud-token").orElseThrow()).isEqualTo(RECEIPT.hex("secret.cloud-token"));
        }
    }

    private static String pem(byte[] der) {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END CERTIFICATE-----\n";
    }
}
