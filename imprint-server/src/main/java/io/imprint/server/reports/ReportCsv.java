package io.imprint.server.reports;

import java.util.Map;

/**
 * A report as one CSV table (RFC 4180) with header {@value #HEADER}, every count split by path
 * (the words as defined on {@link Report}):
 * <ul>
 * <li>{@code total}: name = issued | reissued | reprovisioned | provisioned | refused;</li>
 * <li>{@code refusal}: name = problem code;</li>
 * <li>{@code hour}: time = the hour, name = issued | provisioned | refused;</li>
 * <li>{@code suspect}: time, order, name = problem code, chip, serial; 1 in the column of its path;</li>
 * <li>{@code order}: order, name = quantity (total only) | used | awaiting-receipt | provisioned;</li>
 * <li>{@code method}: name = provisioned | refused, method = the attestation method's slug.</li>
 * </ul>
 * Only {@code method} rows fill the {@code method} column.
 */
public final class ReportCsv {
    public static final String HEADER = "section,time,order,name,chip,serial,networked,offline,total,method";

    private ReportCsv() {
    }

    public static String format(Report report) {
        StringBuilder sb = new StringBuilder(HEADER).append("\r\n");
        for (Map.Entry<String, Report.Counts> e : report.totals().entrySet()) {
            row(sb, "total", "", "", e.getKey(), "", "", e.getValue());
        }
        for (Map.Entry<String, Report.Counts> e : report.refusals().entrySet()) {
            row(sb, "refusal", "", "", e.getKey(), "", "", e.getValue());
        }
        for (Report.Hour h : report.hours()) {
            row(sb, "hour", h.hour(), "", "issued", "", "", h.issued());
            row(sb, "hour", h.hour(), "", "provisioned", "", "", h.provisioned());
            row(sb, "hour", h.hour(), "", "refused", "", "", h.refused());
        }
        for (Report.CloneSuspect s : report.cloneSuspects()) {
            row(sb, "suspect", s.time(), s.order(), s.code(), s.chip(), s.serial(), Report.Counts.ZERO.plus(s.path(), 1));
        }
        for (Report.OrderProgress o : report.orders()) {
            line(sb, "order", "", o.name(), "quantity", "", "", "", "", Long.toString(o.quantity()), "");
            row(sb, "order", "", o.name(), "used", "", "", o.used());
            row(sb, "order", "", o.name(), "awaiting-receipt", "", "", o.awaitingReceipt());
            row(sb, "order", "", o.name(), "provisioned", "", "", o.provisioned());
        }
        for (Report.MethodCounts m : report.methods()) {
            row(sb, "method", "", "", "provisioned", "", "", m.provisioned(), m.method());
            row(sb, "method", "", "", "refused", "", "", m.refused(), m.method());
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, String section, String time, String order, String name, String chip,
                            String serial, Report.Counts n) {
        row(sb, section, time, order, name, chip, serial, n, "");
    }

    private static void row(StringBuilder sb, String section, String time, String order, String name, String chip,
                            String serial, Report.Counts n, String method) {
        line(sb, section, time, order, name, chip, serial, Long.toString(n.networked()), Long.toString(n.offline()),
                Long.toString(n.total()), method);
    }

    private static void line(StringBuilder sb, String... cells) {
        for (int i = 0; i < cells.length; i++) {
            sb.append(i == 0 ? "" : ",").append(cell(cells[i]));
        }
        sb.append("\r\n");
    }

    /** One RFC 4180 cell: quoted when it holds a comma, quote or line break; null is empty. */
    public static String cell(String value) {
        if (value == null) {
            return "";
        }
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }
}
