package io.imprint.server.testing;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the contract tests run against every database: each variant says how to start a
 * {@link TestServer}; a fresh one runs for each test and is closed after it (also when a
 * PostgreSQL variant was skipped while starting).
 */
public abstract class ServerContract {
    @TempDir
    protected Path dir;
    protected TestServer server;

    /** Starts the server of this variant on {@code dataDir}. */
    protected abstract TestServer start(Path dataDir) throws Exception;

    /** Where the server keeps its data; {@link #dir} unless a contract needs room beside it. */
    protected Path dataDir() {
        return dir;
    }

    @BeforeEach
    void startServer() throws Exception {
        server = start(dataDir());
    }

    @AfterEach
    void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }
}
