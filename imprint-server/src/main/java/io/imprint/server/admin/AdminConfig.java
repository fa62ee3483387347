package io.imprint.server.admin;

/**
 * Where the admin listener binds.
 *
 * @param port admin API port; 0 picks a free one
 */
public record AdminConfig(String host, int port) {
    public static final int DEFAULT_PORT = 8444;

    public AdminConfig {
        if (host == null || host.isBlank() || port < 0 || port > 65535) {
            throw new IllegalArgumentException("admin listener needs a host and a port 0..65535");
        }
    }
}
