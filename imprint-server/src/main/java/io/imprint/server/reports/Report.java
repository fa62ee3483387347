package io.imprint.server.reports;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * A production report. Times are ISO-8601 instants (UTC). The words mean one thing each, here, in
 * the CLI's table, JSON and CSV, and in docs/operations.md ("Reports"):
 * <ul>
 * <li>{@code issued}: a unit received its secrets and certificate for the first time over the network;
 *     this took one unit of its order's quantity; its receipt is still to come. Offline units are never
 *     issued by the server (their secrets travel in the bundle), so offline {@code issued} is always 0.</li>
 * <li>{@code reissued}: a networked retry before the receipt; the same secrets again, no quantity taken.</li>
 * <li>{@code reprovisioned}: an authorized re-provisioning of a provisioned unit; no quantity taken.</li>
 * <li>{@code provisioned}: a unit confirmed by its MP-signed receipt: networked, the receipt was accepted;
 *     offline, the receipt was imported (which is also when an offline unit takes its unit of quantity).</li>
 * <li>{@code refused}: an attempt refused with a problem code (a device request, or a receipts-file line).</li>
 * <li>{@code used} (orders): units counted against the order's quantity, one per unit ever issued or
 *     imported; {@code used = awaitingReceipt + provisioned}, per path.</li>
 * <li>{@code awaitingReceipt} (orders): units issued whose receipt has not arrived (secrets delivered,
 *     not yet confirmed); always 0 offline.</li>
 * </ul>
 * Totals, refusals and hours count events in the time range; orders show their units now (no time filter).
 * Every count is split by path: {@code networked} (device API) and {@code offline} (bundle receipts imported).
 * Administrative events (order life cycle, policy changes) and repeated receipts are not production and
 * are not counted.
 *
 * @param filters the query filters as text ({@link ReportQuery#describe})
 * @param totals event counts by outcome: {@code issued}, {@code reissued}, {@code reprovisioned},
 *     {@code provisioned}, {@code refused}
 * @param refusals refusal counts by problem code slug
 * @param hours per-hour counts, oldest first, only hours with events
 * @param cloneSuspects events refused as clones, oldest first
 * @param orders the orders in scope with their units
 * @param methods provisioned and refused counts per attestation method, by method slug, only methods with
 *     events in range; an event without a method (written before V11) counts as {@code caam-mp}
 */
public record Report(Map<String, String> filters, Map<String, Counts> totals, Map<String, Counts> refusals,
                     List<Hour> hours, List<CloneSuspect> cloneSuspects, List<OrderProgress> orders,
                     List<MethodCounts> methods) {
    /** Path of the device API. */
    public static final String NETWORKED = "networked";
    /** Path of offline bundles and their imported receipts. */
    public static final String OFFLINE = "offline";

    /** One count split by path; {@code total} is written to JSON and ignored when read back. */
    @JsonIgnoreProperties(value = "total", allowGetters = true)
    public record Counts(long networked, long offline) {
        public static final Counts ZERO = new Counts(0, 0);

        /** Both paths together. */
        @JsonProperty("total")
        public long total() {
            return networked + offline;
        }

        /** These counts plus {@code n} on {@code path} ({@link #NETWORKED} or {@link #OFFLINE}). */
        public Counts plus(String path, long n) {
            return OFFLINE.equals(path) ? new Counts(networked, offline + n) : new Counts(networked + n, offline);
        }
    }

    /** Events in one UTC hour starting at {@code hour}. */
    public record Hour(String hour, Counts issued, Counts provisioned, Counts refused) {
    }

    /** A refused event that suggests a cloned chip or serial; {@code path} is networked or offline. */
    public record CloneSuspect(String time, String path, String code, String chip, String serial, String product,
                               String order) {
    }

    /** The events of one attestation method ({@code caam-mp}, {@code tpm2}, {@code pkcs11-se}). */
    public record MethodCounts(String method, Counts provisioned, Counts refused) {
    }

    /** An order's quantity and its units now, by state and path. */
    public record OrderProgress(String name, String product, String contractManufacturer, String state,
                                long quantity, Counts used, Counts awaitingReceipt, Counts provisioned) {
    }
}
