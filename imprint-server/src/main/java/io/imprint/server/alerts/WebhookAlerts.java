package io.imprint.server.alerts;

import io.imprint.server.store.Database;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link AlertSink} to an HTTPS webhook through the durable outbox: {@link #refusal} only inserts a row;
 * one background thread POSTs due alerts as JSON, retrying with exponential backoff up to
 * {@link AlertConfig#maxAttempts()} attempts. Delivery is at least once (several nodes, or a crash
 * between POST and bookkeeping, may repeat an alert; receivers dedupe by {@code correlation}).
 */
public final class WebhookAlerts implements AlertSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookAlerts.class);
    private static final int BATCH = 50;
    private static final Duration IDLE_POLL = Duration.ofSeconds(1);
    private final Database db;
    private final AlertOutbox outbox;
    private final AlertConfig config;
    private final Clock clock;
    private final HttpClient http;
    private final Object signal = new Object();
    /** How long a claimed alert is reserved for this node's delivery attempt. */
    private static final java.time.Duration LEASE = java.time.Duration.ofMinutes(2);
    private final Thread sender;
    private volatile boolean running = true;
    private boolean woken;

    public WebhookAlerts(Database db, AlertOutbox outbox, AlertConfig config, Clock clock) {
        if (!config.enabled()) {
            throw new IllegalArgumentException("no webhook configured");
        }
        this.db = db;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
        this.http = WebhookTrust.client(config);
        this.sender = Thread.ofPlatform().daemon().name("imprint-alert-sender").unstarted(this::run);
    }

    /** Starts the background sender; the composition root calls it once everything else is wired. */
    public void start() {
        sender.start();
    }

    @Override
    public void refusal(Alert alert) {
        db.autoCommit(c -> {
            outbox.enqueue(c, alert, clock.millis());
            return null;
        });
        wake();
    }

    /** Tells the sender new alerts are queued. */
    public void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    private void run() {
        while (running) {
            try {
                List<AlertOutbox.Pending> due = db.autoCommit(c -> outbox.due(c, clock.millis(), BATCH));
                for (AlertOutbox.Pending p : due) {
                    if (!running) {
                        return;
                    }
                    long now = clock.millis();
                    if (db.autoCommit(c -> outbox.claim(c, p.id(), now, now + LEASE.toMillis()))) {
                        deliver(p);
                    }
                }
                if (due.size() < BATCH) {
                    pause(nextWait());
                }
            } catch (RuntimeException e) {
                LOG.warn("alert sender: {}", e.toString());
                pause(IDLE_POLL.toMillis());
            }
        }
    }

    private long nextWait() {
        return Math.min(IDLE_POLL.toMillis(), Math.max(10, config.firstBackoff().toMillis() / 2));
    }

    private void deliver(AlertOutbox.Pending p) {
        int attempts = p.attempts() + 1;
        String error;
        try {
            HttpRequest request = HttpRequest.newBuilder(config.webhook()).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(AlertJson.write(p.alert()))).build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                db.autoCommit(c -> {
                    outbox.delivered(c, p.id(), attempts);
                    return null;
                });
                return;
            }
            error = "HTTP " + response.statusCode();
        } catch (IOException e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            return;
        }
        boolean last = attempts >= config.maxAttempts();
        long backoff = Math.min(config.maxBackoff().toMillis(),
                config.firstBackoff().toMillis() << Math.min(attempts - 1, 20));
        String reason = error;
        db.autoCommit(c -> {
            outbox.failed(c, p.id(), attempts, clock.millis() + backoff, reason, last);
            return null;
        });
        LOG.warn("alert {} to webhook failed (attempt {}/{}): {}", p.alert().correlation(), attempts,
                config.maxAttempts(), reason);
    }

    private void pause(long millis) {
        synchronized (signal) {
            if (!woken && running) {
                try {
                    signal.wait(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
            woken = false;
        }
    }

    /** Stops the sender; queued alerts stay in the outbox for the next start. */
    @Override
    public void close() {
        running = false;
        wake();
        sender.interrupt();
        try {
            sender.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
