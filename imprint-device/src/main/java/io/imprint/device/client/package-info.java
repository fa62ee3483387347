/** The networked device API client: HTTPS with a pinned or CA-verified server, bounded retries. */
package io.imprint.device.client;
