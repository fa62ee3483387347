/**
 * Who may create a store and what a store needs to start. {@link io.imprint.server.startup.StoreOpener}
 * opens an existing store, or creates one only when asked ({@link io.imprint.server.startup.OpenMode});
 * it checks the SQLite file and the data directory's keys against the store's recorded identity before
 * anything is written, and never makes a new key for a store that has one.
 */
package io.imprint.server.startup;
