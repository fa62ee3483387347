package io.imprint.server.attest;

import io.imprint.server.store.ChallengeRepository;
import io.imprint.server.store.Database;
import io.imprint.server.store.WalCheckpoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes expired challenges every {@link #INTERVAL} in batches of {@value #BATCH} rows (each its own
 * short transaction, so writers of the device API interleave), keeping them {@link #KEEP_EXPIRED}
 * past expiry so a late device still hears {@code nonce-expired} rather than {@code unknown-session};
 * after deleting anything it checkpoints and truncates the SQLite WAL. A failed run is logged and
 * the next one tries again.
 */
public final class ChallengePurge implements AutoCloseable {
    public static final Duration INTERVAL = Duration.ofSeconds(30);
    public static final Duration KEEP_EXPIRED = Duration.ofMinutes(2);
    static final int BATCH = 1_000;
    /** At most this many batches a run, so one run is bounded; the rest waits for the next. */
    static final int MAX_BATCHES = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(ChallengePurge.class);
    private final Database db;
    private final ChallengeRepository repository;
    private final Clock clock;
    private ScheduledExecutorService executor;

    public ChallengePurge(Database db, ChallengeRepository repository, Clock clock) {
        this.db = db;
        this.repository = repository;
        this.clock = clock;
    }

    /** One purge now; returns how many rows it deleted. */
    public long runOnce() {
        Instant cutoff = clock.instant().minus(KEEP_EXPIRED);
        long deleted = 0;
        for (int batch = 0; batch < MAX_BATCHES; batch++) {
            int n = db.autoCommit(c -> repository.deleteExpired(c, cutoff, BATCH));
            deleted += n;
            if (n < BATCH) {
                break;
            }
        }
        if (deleted > 0) {
            boolean truncated = WalCheckpoint.truncate(db);
            LOG.info("purged {} expired challenges; WAL checkpoint {}", deleted, truncated ? "done" : "busy, retried later");
        }
        return deleted;
    }

    /** Runs {@link #runOnce()} now and then every {@link #INTERVAL} on a daemon thread, until closed. */
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "imprint-challenge-purge");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::runLogged, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void runLogged() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            LOG.warn("challenge purge failed; trying again in {} s", INTERVAL.toSeconds(), e);
        }
    }

    /** Stops the schedule and waits (bounded) for a running purge to finish. */
    @Override
    public synchronized void close() {
        if (executor == null) {
            return;
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        executor = null;
    }
}
