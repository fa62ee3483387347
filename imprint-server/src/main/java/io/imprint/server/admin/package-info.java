/** Operator access: the mTLS admin listener, the operator CA, roles, and the admin API and its client. */
package io.imprint.server.admin;
