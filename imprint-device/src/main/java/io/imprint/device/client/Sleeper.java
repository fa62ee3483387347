package io.imprint.device.client;

import java.time.Duration;

/** Waits between retries; tests substitute one that records the waits. */
@FunctionalInterface
interface Sleeper {
    Sleeper REAL = d -> Thread.sleep(d.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
