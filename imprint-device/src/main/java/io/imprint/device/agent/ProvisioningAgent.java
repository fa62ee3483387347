package io.imprint.device.agent;

import io.imprint.device.backend.CaamMpDevice;
import io.imprint.device.backend.ChipFuses;
import io.imprint.device.backend.DeviceBackend;
import io.imprint.device.backend.DeviceSignature;
import io.imprint.device.backend.MpBackend;
import io.imprint.device.backend.PlatformClaims;
import io.imprint.device.backend.PreparationChannel;
import io.imprint.device.client.ProvisioningClient;
import io.imprint.device.client.UnavailableException;
import io.imprint.device.storage.SecureStore;
import io.imprint.protocol.codec.DeviceMetadata;
import io.imprint.protocol.codec.Evidence;
import io.imprint.protocol.codec.EvidenceCodec;
import io.imprint.protocol.codec.Fields;
import io.imprint.protocol.codec.Receipt;
import io.imprint.protocol.codec.ReceiptCodec;
import io.imprint.protocol.crypto.EcPoints;
import io.imprint.protocol.envelope.EnvelopeCrypto;
import io.imprint.protocol.message.AttestationRequest;
import io.imprint.protocol.message.Base64Field;
import io.imprint.protocol.message.ChallengeResponse;
import io.imprint.protocol.message.PreparationRequest;
import io.imprint.protocol.message.PreparationResponse;
import io.imprint.protocol.message.ProvisioningResponse;
import io.imprint.protocol.message.ReceiptRequest;
import io.imprint.protocol.message.ReceiptResponse;
import io.imprint.protocol.method.MethodProof;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.util.HexFormat;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provisions this device over the network: challenge, evidence signed by the device's backend (an
 * extra round trip first when its method has one), sealed secrets stored in the backend's secure
 * store, receipt signed by the same key. A lost attestation response, or a 503 to it (after the
 * server's Retry-After), starts over with a fresh challenge (the identity key is kept, so the server
 * can return the same certificate); challenges and receipts answered 503 are sent again. Logs
 * progress, never secret values.
 */
public final class ProvisioningAgent {
    private static final Logger LOG = LoggerFactory.getLogger(ProvisioningAgent.class);

    private final DeviceBackend backend;
    private final SecureStore store;
    private final ProvisioningClient client;
    private final AgentOptions options;
    private final SecretInstaller installer;

    /** An agent on an i.MX MP chip ({@link CaamMpDevice}). */
    public ProvisioningAgent(MpBackend mp, ChipFuses fuses, SecureStore store, ProvisioningClient client) {
        this(mp, fuses, store, client, AgentOptions.defaults());
    }

    /** An agent on an i.MX MP chip ({@link CaamMpDevice}). */
    public ProvisioningAgent(MpBackend mp, ChipFuses fuses, SecureStore store, ProvisioningClient client,
                             AgentOptions options) {
        this(new CaamMpDevice(mp, fuses, store), client, options);
    }

    public ProvisioningAgent(DeviceBackend backend, ProvisioningClient client, AgentOptions options) {
        this.backend = Objects.requireNonNull(backend);
        this.store = backend.store();
        this.client = Objects.requireNonNull(client);
        this.options = Objects.requireNonNull(options);
        this.installer = new SecretInstaller(store);
    }

    /**
     * The whole flow for one unit.
     *
     * @param serial the serial the station assigned, or {@code ""} when the order assigns it
     * @throws ImprintException when the server refuses (its problem code), or a response is bad
     * @throws IOException when the network fails beyond the retry budget
     */
    public ProvisioningResult provision(String product, String serial, String softwareVersion)
            throws IOException, GeneralSecurityException, InterruptedException {
        LOG.info("provisioning chip {} as {} serial '{}' with {}", chipIdHex(), product, serial, backend.description());
        java.util.Optional<ProvisioningResult> resumed = confirmPending(serial);
        if (resumed.isPresent()) {
            return resumed.get();
        }
        for (int attempt = 1; ; attempt++) {
            ChallengeResponse challenge = client.challenge(product);
            PreparedAttestation prepared = prepare(challenge, product, serial, softwareVersion);
            ProvisioningResponse response;
            try {
                response = client.attest(prepared.request());
            } catch (IOException e) {
                if (attempt >= options.maxAttestAttempts()) {
                    throw e;
                }
                LOG.warn("attestation {} ({}); starting over with a fresh challenge ({} of {})",
                        e instanceof UnavailableException ? "refused for now" : "response lost", e.getMessage(),
                        attempt + 1, options.maxAttestAttempts());
                continue;
            }
            return complete(prepared, response);
        }
    }

    /**
     * Builds the evidence for one challenge and has the backend sign it (after the method's extra round
     * trip, if it has one); creates and stores the identity key first if absent.
     */
    public PreparedAttestation prepare(ChallengeResponse challenge, String product, String serial,
                                       String softwareVersion) throws IOException, GeneralSecurityException {
        byte[] sessionId = Base64Field.decodeExact("sessionId", challenge.sessionId(), Fields.SESSION_ID_BYTES);
        byte[] nonce = Base64Field.decodeExact("nonce", challenge.nonce(), Fields.NONCE_BYTES);
        KeyPair identity = IdentityKey.loadOrCreate(store);
        byte[] csr = IdentityKey.csr(identity, serial.isEmpty() ? chipIdHex() : serial);
        KeyPair ecdh = EnvelopeCrypto.newKeyPair();
        PlatformClaims claims = backend.claims();
        DeviceMetadata metadata = new DeviceMetadata(claims.srkHash(), softwareVersion, claims.lifecycle(),
                options.extraMetadata());
        Evidence evidence = new Evidence(product, backend.chipId(), serial, metadata, sessionId, nonce,
                EcPoints.toUncompressed((ECPublicKey) ecdh.getPublic()), csr);
        byte[] bytes = EvidenceCodec.encode(evidence);
        DeviceSignature signature;
        try {
            signature = backend.attest(bytes, sessionId, preparation(challenge));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted during the preparation round trip", e);
        }
        LOG.info("evidence signed ({}): {} bytes, {}", backend.method(), bytes.length, signature);
        return new PreparedAttestation(evidence, bytes, request(signature, bytes), ecdh.getPrivate());
    }

    /**
     * Opens the envelope, checks the certificate is for this device's identity key, stores every
     * secret and the chain, and MP-signs the receipt. Nothing is stored unless all checks pass.
     */
    public StoredUnit store(PreparedAttestation prepared, ProvisioningResponse response)
            throws IOException, GeneralSecurityException {
        KeyPair identity = IdentityKey.loadOrCreate(store);
        StoredUnit stored = installer.install(prepared, response, identity.getPublic(), this::signReceipt);
        LOG.info("stored {} secrets and {} certificates for serial {}", stored.secretNames().size(),
                stored.certificateChain().size(), stored.serial());
        return stored;
    }

    /** {@link #store} then confirm the receipt with the server. */
    public ProvisioningResult complete(PreparedAttestation prepared, ProvisioningResponse response)
            throws IOException, GeneralSecurityException, InterruptedException {
        StoredUnit stored = store(prepared, response);
        PendingReceipt.save(store, stored);
        ReceiptResponse confirmed = client.confirm(stored.receipt());
        PendingReceipt.clear(store);
        if (!stored.serial().equals(confirmed.serial())) {
            throw new ImprintException(ProblemCode.RECEIPT_MISMATCH,
                    "server confirmed serial " + confirmed.serial() + " but issued " + stored.serial());
        }
        LOG.info("unit {} is {}", stored.serial(), confirmed.state());
        return new ProvisioningResult(stored.serial(), stored.certificateChain().get(0), stored.secretNames(),
                confirmed.state());
    }

    /**
     * Sends again the receipt of an earlier run whose answer was lost. A refusal (the server holds a
     * newer session, or never saw this one) drops it and the caller attests anew; a network failure
     * propagates, so the station retries later with the receipt still pending.
     */
    private java.util.Optional<ProvisioningResult> confirmPending(String serial)
            throws IOException, GeneralSecurityException, InterruptedException {
        java.util.Optional<PendingReceipt> pending = PendingReceipt.load(store);
        if (pending.isEmpty()) {
            return java.util.Optional.empty();
        }
        PendingReceipt p = pending.get();
        if (!serial.isEmpty() && !serial.equals(p.serial())) {
            LOG.warn("a receipt for serial {} is pending but serial {} was asked for; attesting anew", p.serial(), serial);
            PendingReceipt.clear(store);
            return java.util.Optional.empty();
        }
        LOG.info("sending the pending receipt of serial {} again (its answer was lost)", p.serial());
        try {
            ReceiptResponse confirmed = client.confirm(p.request());
            PendingReceipt.clear(store);
            return java.util.Optional.of(new ProvisioningResult(p.serial(), p.certificate(store), p.secretNames(),
                    confirmed.state()));
        } catch (ImprintException refused) {
            if (refused.code().httpStatus() >= 500 || refused.code().httpStatus() == 429) {
                throw refused; // transient: the receipt stays pending for the next run
            }
            LOG.warn("pending receipt refused ({}: {}); attesting anew", refused.code().slug(), refused.detail());
            PendingReceipt.clear(store);
            return java.util.Optional.empty();
        }
    }

    private ReceiptRequest signReceipt(Receipt receipt) throws GeneralSecurityException {
        byte[] bytes = ReceiptCodec.encode(receipt);
        DeviceSignature signature;
        try {
            signature = backend.signReceipt(bytes);
        } catch (IOException e) {
            throw new GeneralSecurityException("the backend could not sign the receipt: " + e.getMessage(), e);
        }
        return new ReceiptRequest(Base64Field.encode(bytes),
                signature.mpmr().map(m -> Base64Field.encode(m.bytes())).orElse(null),
                Base64Field.encode(signature.signature()));
    }

    /** The attestation request of {@code backend}'s method; a {@code caam-mp} one is the original three fields. */
    private AttestationRequest request(DeviceSignature signature, byte[] evidence) {
        String mpmr = signature.mpmr().map(m -> Base64Field.encode(m.bytes())).orElse(null);
        if (backend.method() == io.imprint.protocol.method.AttestationMethod.CAAM_MP) {
            return new AttestationRequest(Base64Field.encode(evidence), mpmr, Base64Field.encode(signature.signature()));
        }
        return new AttestationRequest(backend.method().slug(), Base64Field.encode(evidence), mpmr,
                Base64Field.encode(signature.signature()),
                signature.proof().isEmpty() ? null : MethodProof.wire(signature.proof()));
    }

    /** The round trip a backend may make once for the session of {@code challenge}. */
    private PreparationChannel preparation(ChallengeResponse challenge) {
        return fields -> {
            PreparationResponse answer = client.prepare(new PreparationRequest(backend.method().slug(),
                    challenge.sessionId(), MethodProof.wire(fields)));
            if (!challenge.sessionId().equals(answer.sessionId())) {
                throw new ImprintException(ProblemCode.MALFORMED_REQUEST,
                        "the preparation answer names another session");
            }
            MethodProof proof = MethodProof.of(answer.proof());
            java.util.Map<String, byte[]> out = new java.util.LinkedHashMap<>();
            for (String name : proof.names()) {
                out.put(name, proof.bytes(name, 0, io.imprint.protocol.message.DeviceApi.MAX_BODY_BYTES));
            }
            return out;
        };
    }

    private String chipIdHex() {
        try {
            return HexFormat.of().withUpperCase().formatHex(backend.chipId());
        } catch (IOException | GeneralSecurityException e) {
            return "(chip ID unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public String toString() {
        return "ProvisioningAgent[" + backend.method() + " chip " + chipIdHex() + ", " + store.description() + "]";
    }
}
