package io.imprint.server.attest;

import io.imprint.protocol.codec.Fields;
import io.imprint.protocol.crypto.Providers;
import io.imprint.protocol.message.ChallengeRequest;
import io.imprint.protocol.message.ChallengeResponse;
import io.imprint.protocol.message.Base64Field;
import io.imprint.protocol.method.AttestationMethod;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.events.Attempt;
import io.imprint.server.events.EventLog;
import io.imprint.server.events.RefusalSampler;
import io.imprint.server.products.Products;
import io.imprint.server.ratelimit.RateLimits;
import io.imprint.server.ratelimit.WindowedCounts;
import io.imprint.server.store.ChallengeRepository;
import io.imprint.server.store.ChallengeRow;
import io.imprint.server.store.Database;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Issues single-use challenges and redeems them exactly once (an atomic conditional update, so
 * correct across server nodes). Each client (by {@link io.imprint.server.ratelimit.ClientKey}) may
 * hold at most {@code maxPerClient} unexpired challenges, counted in memory on this node; beyond, its
 * requests are refused with {@link ProblemCode#RATE_LIMITED} and a retry time, while other clients
 * are unaffected. Expired rows are deleted by {@link ChallengePurge}. Refused challenge requests
 * leave events, bounded by a {@link RefusalSampler} since anyone can send them in bulk.
 */
public final class Challenges {
    private static final HexFormat HEX = HexFormat.of();

    private final Database db;
    private final ChallengeRepository repository;
    private final Products products;
    private final Duration ttl;
    private final WindowedCounts perClient;
    private final Clock clock;
    private final EventLog events;
    private final RefusalSampler sampler;

    public Challenges(Database db, ChallengeRepository repository, Products products, Duration ttl,
                      long maxPerClient, Clock clock, EventLog events, RefusalSampler sampler) {
        this.events = events;
        this.sampler = sampler;
        this.db = db;
        this.repository = repository;
        this.products = products;
        this.ttl = ttl;
        this.perClient = new WindowedCounts(maxPerClient, ttl, RateLimits.DEFAULTS.maxClients(), clock);
        this.clock = clock;
    }

    /**
     * A fresh challenge for a known product, for the client {@code clientKey}; a refusal is recorded
     * (sampled) under {@code attempt}.
     *
     * @throws io.imprint.server.ratelimit.RateLimited when that client holds too many unexpired challenges
     */
    public ChallengeResponse issue(ChallengeRequest request, Attempt attempt, String clientKey) {
        try {
            return issue(Fields.identifier("product", request.product()), attempt, clientKey);
        } catch (ImprintException e) {
            refused(e, attempt);
            throw e;
        }
    }

    /** Records a challenge request refused before it could be read (bad JSON, size, media type). */
    public void refusedUnread(ImprintException e, Attempt attempt) {
        refused(e, attempt);
    }

    private void refused(ImprintException e, Attempt attempt) {
        RefusalSampler.Decision decision = sampler.admit(e.code());
        if (decision.record()) {
            String detail = decision.omitted() == 0 ? e.detail()
                    : e.detail() + " (" + decision.omitted() + " earlier refusals of this code not recorded singly)";
            events.record(e.code().slug(), attempt, detail);
        }
    }

    private ChallengeResponse issue(String requested, Attempt attempt, String clientKey) {
        attempt.product(requested);
        String product = products.get(requested).name();
        perClient.acquire(clientKey, "challenges");
        byte[] session = Providers.randomBytes(Fields.SESSION_ID_BYTES);
        byte[] nonce = Providers.randomBytes(Fields.NONCE_BYTES);
        Instant expires = Instant.ofEpochMilli(clock.instant().plus(ttl).toEpochMilli());
        ChallengeRow row = new ChallengeRow(HEX.formatHex(session), product, HEX.formatHex(nonce), expires, false);
        db.autoCommit(c -> {
            repository.insert(c, row);
            return null;
        });
        return new ChallengeResponse(Base64Field.encode(session), Base64Field.encode(nonce), expires.toString());
    }

    /**
     * The challenge of a session that may still be answered: known ({@code unknown-session}), not used
     * ({@code nonce-used}), not expired ({@code nonce-expired}). Consumes nothing.
     */
    ChallengeRow outstanding(byte[] sessionId) {
        String session = HEX.formatHex(sessionId);
        ChallengeRow row = db.autoCommit(c -> repository.find(c, session)).orElseThrow(() ->
                new ImprintException(ProblemCode.UNKNOWN_SESSION, "no challenge was issued for this session"));
        if (row.used()) {
            throw new ImprintException(ProblemCode.NONCE_USED, "this challenge was already used");
        }
        if (clock.instant().isAfter(row.expiresAt())) {
            throw new ImprintException(ProblemCode.NONCE_EXPIRED, "the challenge expired at " + row.expiresAt());
        }
        return row;
    }

    /**
     * Keeps {@code method}'s preparation state with the unused challenge of {@code sessionId}, once per
     * session; a second preparation (or one racing the attestation) is {@code nonce-used}.
     */
    void keepPrepared(byte[] sessionId, AttestationMethod method, byte[] state) {
        String value = method.slug() + ":" + Base64Field.encode(state);
        if (!db.autoCommit(c -> repository.prepare(c, HEX.formatHex(sessionId), value))) {
            throw new ImprintException(ProblemCode.NONCE_USED, "this challenge was already prepared or used");
        }
    }

    /** The state a preparation of {@code method} kept for the session, if one ran. */
    Optional<byte[]> preparedState(byte[] sessionId, AttestationMethod method) {
        String prefix = method.slug() + ":";
        return db.autoCommit(c -> repository.methodState(c, HEX.formatHex(sessionId)))
                .filter(v -> v.startsWith(prefix))
                .map(v -> java.util.Base64.getDecoder().decode(v.substring(prefix.length())));
    }

    /**
     * Redeems the challenge of an attestation for {@code product}: known, same nonce (constant time),
     * not expired, not used before; consumes it. Returns its expiry: the attempt's deadline, and what
     * orders the attempts of one chip.
     */
    public Instant redeem(String product, byte[] sessionId, byte[] nonce) {
        String session = HEX.formatHex(sessionId);
        ChallengeRow row = db.autoCommit(c -> repository.find(c, session)).orElseThrow(() ->
                new ImprintException(ProblemCode.UNKNOWN_SESSION, "no challenge was issued for this session"));
        boolean nonceOk = MessageDigest.isEqual(HEX.parseHex(row.nonce()), nonce);
        if (!nonceOk || !row.product().equals(product)) {
            throw new ImprintException(ProblemCode.NONCE_MISMATCH,
                    "the signed nonce or product does not match the challenge of this session");
        }
        if (row.used()) {
            throw new ImprintException(ProblemCode.NONCE_USED, "this challenge was already used");
        }
        if (clock.instant().isAfter(row.expiresAt())) {
            throw new ImprintException(ProblemCode.NONCE_EXPIRED, "the challenge expired at " + row.expiresAt());
        }
        if (!db.autoCommit(c -> repository.consume(c, session))) {
            throw new ImprintException(ProblemCode.NONCE_USED, "this challenge was already used");
        }
        return row.expiresAt();
    }
}
