package io.imprint.server.policy;

/** An external party that must explicitly allow each unit. */
public interface DecisionHook extends AutoCloseable {
    /**
     * Returns when the hook explicitly allowed {@code claims}; anything else (timeout, error, another
     * answer) throws POLICY_VIOLATION with detail {@code decision hook: timeout|error|denied}.
     */
    void allow(HookClaims claims);

    @Override
    void close();
}
