/**
 * Key and certificate files: written atomically (temporary file owner-only from the start, fsync,
 * rename) and read with errors that name the file and what it is.
 */
package io.imprint.server.files;
