package io.imprint.server;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Server settings.
 *
 * @param dataDir where the embedded database, CA keys, escrow key and TLS certificate live
 * @param host bind address of the device listener
 * @param port device listener port; 0 picks a free one
 * @param databaseUrl {@code jdbc:postgresql:...}, or null for SQLite in {@code dataDir}
 * @param challengeTtl how long a challenge may be answered
 * @param certificateValidity validity of device certificates
 * @param tlsNames extra SAN names (DNS names or IP addresses) of a generated TLS certificate
 * @param tlsCertificate PEM certificate to use instead of a generated one, or null
 * @param tlsKey PEM private key of {@code tlsCertificate}, or null
 * @param maxOutstandingChallenges unexpired challenges one client (address) may hold; beyond, its new ones
 *     are refused {@code rate-limited} (other clients are unaffected)
 * @param clock time source (tests move it)
 */
public record ServerConfig(Path dataDir, String host, int port, String databaseUrl, Duration challengeTtl,
                           Duration certificateValidity, List<String> tlsNames, Path tlsCertificate, Path tlsKey,
                           long maxOutstandingChallenges, Clock clock) {
    public static final Duration DEFAULT_CHALLENGE_TTL = Duration.ofSeconds(60);
    public static final Duration DEFAULT_CERTIFICATE_VALIDITY = Duration.ofDays(365L * 20);
    public static final int DEFAULT_PORT = 8443;
    public static final long DEFAULT_MAX_CHALLENGES_PER_CLIENT = 10_000;

    public ServerConfig {
        if (dataDir == null) {
            throw new IllegalArgumentException("dataDir is required");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535");
        }
        if ((tlsCertificate == null) != (tlsKey == null)) {
            throw new IllegalArgumentException("a TLS certificate needs its key, and the other way round");
        }
        tlsNames = List.copyOf(tlsNames);
    }

    /** Defaults: 127.0.0.1:8443, SQLite, 60 s challenges (10,000 per client), 20-year device certificates. */
    public static ServerConfig defaults(Path dataDir) {
        return new ServerConfig(dataDir, "127.0.0.1", DEFAULT_PORT, null, DEFAULT_CHALLENGE_TTL,
                DEFAULT_CERTIFICATE_VALIDITY, List.of(), null, null, DEFAULT_MAX_CHALLENGES_PER_CLIENT, Clock.systemUTC());
    }

    /**
     * How long a request waits for a database lock someone else holds before it is answered 503: half
     * the challenge TTL, at most {@link io.imprint.server.store.Database#DEFAULT_LOCK_TIMEOUT}, so an
     * attempt stuck behind a lock fails while its challenge is still valid and the device can start over.
     */
    public Duration storeLockTimeout() {
        Duration half = challengeTtl.dividedBy(2);
        Duration max = io.imprint.server.store.Database.DEFAULT_LOCK_TIMEOUT;
        return half.compareTo(max) > 0 ? max : half.isZero() ? Duration.ofMillis(1) : half;
    }

    public ServerConfig withHost(String value) {
        return new ServerConfig(dataDir, value, port, databaseUrl, challengeTtl, certificateValidity, tlsNames,
                tlsCertificate, tlsKey, maxOutstandingChallenges, clock);
    }

    public ServerConfig withPort(int value) {
        return new ServerConfig(dataDir, host, value, databaseUrl, challengeTtl, certificateValidity, tlsNames,
                tlsCertificate, tlsKey, maxOutstandingChallenges, clock);
    }

    public ServerConfig withDatabaseUrl(String value) {
        return new ServerConfig(dataDir, host, port, value, challengeTtl, certificateValidity, tlsNames,
                tlsCertificate, tlsKey, maxOutstandingChallenges, clock);
    }

    public ServerConfig withChallengeTtl(Duration value) {
        return new ServerConfig(dataDir, host, port, databaseUrl, value, certificateValidity, tlsNames,
                tlsCertificate, tlsKey, maxOutstandingChallenges, clock);
    }

    public ServerConfig withCertificateValidity(Duration value) {
        return new ServerConfig(dataDir, host, port, databaseUrl, challengeTtl, value, tlsNames, tlsCertificate,
                tlsKey, maxOutstandingChallenges, clock);
    }

    public ServerConfig withTlsNames(List<String> value) {
        return new ServerConfig(dataDir, host, port, databaseUrl, challengeTtl, certificateValidity, value,
                tlsCertificate, tlsKey, maxOutstandingChallenges, clock);
    }

    public ServerConfig withTlsPem(Path certificate, Path key) {
        return new ServerConfig(dataDir, host, port, databaseUrl, challengeTtl, certificateValidity, tlsNames,
                certificate, key, maxOutstandingChallenges, clock);
    }

    public ServerConfig withMaxOutstandingChallenges(long value) {
        return new ServerConfig(dataDir, host, port, databaseUrl, challengeTtl, certificateValidity, tlsNames,
                tlsCertificate, tlsKey, value, clock);
    }

    public ServerConfig withClock(Clock value) {
        return new ServerConfig(dataDir, host, port, databaseUrl, challengeTtl, certificateValidity, tlsNames,
                tlsCertificate, tlsKey, maxOutstandingChallenges, value);
    }
}
