/** Plain-JDBC repositories on SQLite or PostgreSQL, Flyway migrations and the connection pool. */
package io.imprint.server.store;
