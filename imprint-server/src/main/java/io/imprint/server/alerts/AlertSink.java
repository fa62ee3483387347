package io.imprint.server.alerts;

/** Receives every refusal that carries an alert class; never blocks or fails the caller's provisioning. */
public interface AlertSink {
    /** Accepts an alert for delivery; returns at once. */
    void refusal(Alert alert);
}
