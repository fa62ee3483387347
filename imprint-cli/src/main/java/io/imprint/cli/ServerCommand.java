package io.imprint.cli;

import io.imprint.server.Imprint;
import io.imprint.server.http.DeviceListener;
import io.imprint.server.ratelimit.RateLimits;
import io.imprint.server.tls.TlsJavalin;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code imprint server}: runs the device and admin APIs until SIGTERM or Ctrl-C, then stops
 * accepting, lets requests in flight finish (bounded), closes both listeners and the store.
 */
@Command(name = "server", mixinStandardHelpOptions = true,
        footer = {"%nExamples:",
                "  imprint server --data-dir /srv/imprint",
                "  imprint server --data-dir /srv/imprint --host 0.0.0.0 \\",
                "      --tls-name provisioning.example.com"},
        description = "Runs the Imprint server: the device API over HTTPS (TLS 1.3). Creates the store (database and"
                + " keys) on first start, like 'imprint init'; an existing store must come with the keys it was made with.")
final class ServerCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin StoreOptions store;
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Bind address (default: ${DEFAULT-VALUE}).") String host;
    @Option(names = "--port", defaultValue = "8443", description = "Device API port (default: ${DEFAULT-VALUE}).") int port;
    @Option(names = "--tls-name", description = "Extra DNS name or IP for a generated TLS certificate (repeatable).")
    List<String> tlsNames = List.of();
    @Option(names = "--tls-cert", description = "PEM certificate to serve instead of a generated one.") java.nio.file.Path tlsCert;
    @Option(names = "--tls-key", description = "PEM private key of --tls-cert.") java.nio.file.Path tlsKey;
    @Option(names = "--admin-port", defaultValue = "8444", description = "Admin API port, mTLS (default: ${DEFAULT-VALUE}).") int adminPort;
    @Option(names = "--alert-webhook", description = "HTTPS URL that receives refusal alerts as JSON.") java.net.URI alertWebhook;
    @Option(names = "--alert-webhook-ca", description = "PEM CA to trust for the webhook.") java.nio.file.Path alertWebhookCa;
    @Option(names = "--alert-webhook-fingerprint", description = "SHA-256 (64 hex) of the webhook's certificate to trust, instead of --alert-webhook-ca.")
    String alertWebhookFingerprint;
    @Mixin RateLimitOptions limits;

    @Override
    public Integer call() throws Exception {
        RateLimits rateLimits = limits.rateLimits();
        var config = store.config().withHost(host).withPort(port).withTlsNames(tlsNames)
                .withMaxOutstandingChallenges(limits.clientChallenges);
        if (tlsCert != null || tlsKey != null) {
            config = config.withTlsPem(tlsCert, tlsKey);
        }
        var alerts = alertWebhook == null ? io.imprint.server.alerts.AlertConfig.NONE
                : io.imprint.server.alerts.AlertConfig.webhook(alertWebhook, alertWebhookCa, alertWebhookFingerprint);
        var out = spec.commandLine().getOut();
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        // The JVM halts as soon as its shutdown hooks return: the hook waits until everything below is closed.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.countDown();
            awaitClosed(closed);
        }, "imprint-shutdown"));
        try (Imprint imprint = StoreOptions.openOrCreate(config, alerts, spec.commandLine().getErr());
             DeviceListener listener = imprint.startDeviceListener(rateLimits);
             var admin = imprint.startAdminListener(new io.imprint.server.admin.AdminConfig(host, adminPort))) {
            out.println("Imprint device API on https://" + host + ":" + listener.port());
            out.println("Imprint admin API (client certificates) on https://" + host + ":" + admin.port());
            out.println("Server fingerprint (give it as --server-fingerprint): " + listener.fingerprint());
            out.println("Data directory: " + store.dataDir.toAbsolutePath());
            if (!imprint.store().created().isEmpty()) {
                out.println("Created Imprint store " + imprint.store().identity().storeId() + ": back up keys/, admin/ca/"
                        + " and ca/ of the data directory with the database (docs/operations.md)");
            }
            out.println("Press Ctrl-C to stop.");
            out.flush();
            stop.await();
            out.println("Stopping: finishing requests in flight (at most " + TlsJavalin.DRAIN.toSeconds()
                    + " s), then closing the store.");
            out.flush();
        } finally {
            closed.countDown();
        }
        out.println("Stopped.");
        out.flush();
        return 0;
    }

    /** Both listeners drain one after the other, then the store closes: bounded well below this. */
    private static void awaitClosed(CountDownLatch closed) {
        try {
            if (!closed.await(3 * TlsJavalin.DRAIN.toSeconds(), TimeUnit.SECONDS)) {
                System.err.println("imprint: the server did not close within " + 3 * TlsJavalin.DRAIN.toSeconds()
                        + " s; exiting anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
