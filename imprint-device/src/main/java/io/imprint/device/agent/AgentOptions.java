package io.imprint.device.agent;

import io.imprint.protocol.codec.Fields;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Agent settings.
 *
 * @param maxAttestAttempts fresh challenges tried when an attestation response is lost (1-10)
 * @param extraMetadata extra signed claims (keys {@code [a-z][a-z0-9._-]*}, at most 16)
 */
public record AgentOptions(int maxAttestAttempts, SortedMap<String, String> extraMetadata) {
    public AgentOptions {
        if (maxAttestAttempts < 1 || maxAttestAttempts > 10) {
            throw new IllegalArgumentException("maxAttestAttempts must be 1-10");
        }
        if (extraMetadata.size() > Fields.METADATA_MAX_ENTRIES) {
            throw new IllegalArgumentException("at most " + Fields.METADATA_MAX_ENTRIES + " metadata entries");
        }
        for (Map.Entry<String, String> e : extraMetadata.entrySet()) {
            if (!Fields.METADATA_KEY.matcher(e.getKey()).matches()
                    || !Fields.METADATA_VALUE.matcher(e.getValue()).matches()) {
                throw new IllegalArgumentException("bad metadata entry '" + e.getKey() + "'");
            }
        }
        extraMetadata = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(extraMetadata));
    }

    /** 3 attestation attempts, no extra metadata. */
    public static AgentOptions defaults() {
        return new AgentOptions(3, new TreeMap<>());
    }
}
