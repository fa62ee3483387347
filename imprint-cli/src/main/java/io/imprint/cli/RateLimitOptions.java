package io.imprint.cli;

import io.imprint.server.ServerConfig;
import io.imprint.server.ratelimit.RateLimits;
import picocli.CommandLine.Option;

/** Rate limits of the device listener on {@code imprint server} (docs/operations.md, "Rate limits"). */
final class RateLimitOptions {
    @Option(names = "--client-rate", paramLabel = "REQ/S",
            description = "Requests per second one client address may sustain (default: ${DEFAULT-VALUE}).")
    double clientRate = RateLimits.DEFAULTS.clientRate();

    @Option(names = "--client-burst", paramLabel = "REQUESTS",
            description = "Requests one client address may send at once (default: ${DEFAULT-VALUE}).")
    int clientBurst = RateLimits.DEFAULTS.clientBurst();

    @Option(names = "--global-rate", paramLabel = "REQ/S",
            description = "Requests per second admitted from all clients together (default: ${DEFAULT-VALUE}).")
    double globalRate = RateLimits.DEFAULTS.globalRate();

    @Option(names = "--global-burst", paramLabel = "REQUESTS",
            description = "Requests admitted at once from all clients together (default: ${DEFAULT-VALUE}).")
    int globalBurst = RateLimits.DEFAULTS.globalBurst();

    @Option(names = "--tracked-clients", paramLabel = "N",
            description = "Client addresses tracked at most; beyond, new ones share one limit (default: ${DEFAULT-VALUE}).")
    int trackedClients = RateLimits.DEFAULTS.maxClients();

    @Option(names = "--client-challenges", paramLabel = "N",
            description = "Unexpired challenges one client address may hold (default: ${DEFAULT-VALUE}).")
    long clientChallenges = ServerConfig.DEFAULT_MAX_CHALLENGES_PER_CLIENT;

    /** The limits; a bad value is refused with one line naming it. */
    RateLimits rateLimits() {
        if (clientChallenges < 1) {
            throw new IllegalArgumentException("--client-challenges must be at least 1, got " + clientChallenges);
        }
        return new RateLimits(clientRate, clientBurst, globalRate, globalBurst, trackedClients);
    }
}
