package io.imprint.cli.chaos;

import java.time.Duration;

/**
 * How hard a chaos run pushes: devices in the swarm (the order's quantity, one serial each),
 * concurrent stations, SIGKILLs to inject, the pause between faults, how long a foreign lock is held,
 * and the time the swarm has to finish. Read from system properties so the long run is the same test
 * with other numbers ({@code scripts/chaos}).
 */
record ChaosPlan(int devices, int stations, int kills, int faultGapMillis, int stallMillis, Duration deadline) {
    static ChaosPlan fromProperties(int devices, int kills) {
        return new ChaosPlan(
                Integer.getInteger("imprint.chaos.devices", devices),
                Integer.getInteger("imprint.chaos.stations", 8),
                Integer.getInteger("imprint.chaos.kills", kills),
                Integer.getInteger("imprint.chaos.faultGapMillis", 600),
                Integer.getInteger("imprint.chaos.stallMillis", 2000),
                Duration.ofSeconds(Integer.getInteger("imprint.chaos.deadlineSeconds", 300)));
    }
}
