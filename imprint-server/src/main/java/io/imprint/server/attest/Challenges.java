package io.imprint.server.attest;

import io.imprint.protocol.codec.Fields;
import io.imprint.protocol.crypto.Providers;
import io.imprint.protocol.message.ChallengeRequest;
import io.imprint.protocol.message.ChallengeResponse;
import io.imprint.protocol.message.Base64Field;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.products.Products;
import io.imprint.server.store.ChallengeRepository;
import io.imprint.server.store.ChallengeRow;
import io.imprint.server.store.Database;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issues single-use challenges and redeems them exactly once (an atomic conditional update, so
 * correct across server nodes). Expired rows are swept periodically; while too many challenges are
 * outstanding new ones are refused with {@link ProblemCode#RATE_LIMITED}.
 */
public final class Challenges {
    private static final int SWEEP_EVERY = 128;
    /** Expired rows are kept this long so a late device still hears "expired", not "unknown". */
    private static final Duration KEEP_EXPIRED = Duration.ofMinutes(10);
    private static final HexFormat HEX = HexFormat.of();

    private final Database db;
    private final ChallengeRepository repository;
    private final Products products;
    private final Duration ttl;
    private final long maxOutstanding;
    private final Clock clock;
    private final AtomicLong issued = new AtomicLong();
    private volatile boolean saturated;

    public Challenges(Database db, ChallengeRepository repository, Products products, Duration ttl,
                      long maxOutstanding, Clock clock) {
        this.db = db;
        this.repository = repository;
        this.products = products;
        this.ttl = ttl;
        this.maxOutstanding = maxOutstanding;
        this.clock = clock;
    }

    /** A fresh challenge for a known product. */
    public ChallengeResponse issue(ChallengeRequest request) {
        String product = products.get(Fields.identifier("product", request.product())).name();
        if (issued.getAndIncrement() % SWEEP_EVERY == 0) {
            sweep();
        }
        if (saturated) {
            throw new ImprintException(ProblemCode.RATE_LIMITED, "too many outstanding challenges; retry shortly");
        }
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

    private void sweep() {
        Instant now = clock.instant();
        long outstanding = db.autoCommit(c -> {
            repository.deleteExpired(c, now.minus(KEEP_EXPIRED));
            return repository.countOutstanding(c, now);
        });
        saturated = outstanding >= maxOutstanding;
    }
}
