/**
 * In-memory admission control of the device listener, applied before any database work: token
 * buckets per client address and for the whole listener ({@link io.imprint.server.ratelimit.RateLimiter}),
 * and a per-client cap on live challenges ({@link io.imprint.server.ratelimit.WindowedCounts}). State is
 * bounded: idle clients are forgotten and the number of tracked clients is capped.
 */
package io.imprint.server.ratelimit;
