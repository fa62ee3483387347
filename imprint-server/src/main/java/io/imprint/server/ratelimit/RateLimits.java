package io.imprint.server.ratelimit;

/**
 * Request limits of the device listener. Each request (challenge, attestation, receipt, or anything
 * else sent to the listener) takes one token from its client's bucket and one from the global one.
 *
 * @param clientRate requests per second one client address may sustain
 * @param clientBurst requests one client address may send at once after being idle
 * @param globalRate requests per second the listener admits from all clients together
 * @param globalBurst requests the listener admits at once
 * @param maxClients client addresses tracked at most; beyond, new addresses share one bucket
 */
public record RateLimits(double clientRate, int clientBurst, double globalRate, int globalBurst, int maxClients) {
    /**
     * 500/s (burst 1,000) per client, 2,000/s (burst 4,000) in total, 10,000 tracked clients: a line
     * of 64 stations behind one address, each provisioning a unit per second (3 requests), sends
     * about 200 requests per second.
     */
    public static final RateLimits DEFAULTS = new RateLimits(500, 1_000, 2_000, 4_000, 10_000);

    public RateLimits {
        positive("client rate", clientRate);
        positive("global rate", globalRate);
        if (clientBurst < 1 || globalBurst < 1) {
            throw new IllegalArgumentException("rate-limit bursts must be at least 1");
        }
        if (maxClients < 1 || maxClients > 1_000_000) {
            throw new IllegalArgumentException("tracked clients must be 1..1000000, got " + maxClients);
        }
    }

    private static void positive(String name, double value) {
        if (!(value > 0) || value > 1e9) {
            throw new IllegalArgumentException(name + " must be a positive number of requests per second, got "
                    + value);
        }
    }
}
