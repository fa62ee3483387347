/**
 * One record per JSON wire message of the device API. Binary fields travel as standard Base64
 * strings; the signed bytes travel whole so the server verifies exactly what the device signed.
 */
package io.imprint.protocol.message;
