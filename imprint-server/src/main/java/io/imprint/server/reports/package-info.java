/** Production reports per order, contract manufacturer, product and time range, over the event log. */
package io.imprint.server.reports;
