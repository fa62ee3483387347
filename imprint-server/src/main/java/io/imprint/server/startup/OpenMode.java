package io.imprint.server.startup;

/** Whether opening a store may create it. */
public enum OpenMode {
    /** The store must exist: every command except {@code server} and {@code init}. */
    EXISTING,
    /** Opens the store, creating it (database and keys) when there is none: {@code server}, the demo. */
    CREATE_IF_ABSENT,
    /** Creates a store; one that exists already is refused: {@code init}. */
    CREATE_NEW
}
