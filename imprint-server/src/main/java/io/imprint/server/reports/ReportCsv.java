package io.imprint.server.reports;

import java.util.Map;

/**
 * A report as one CSV table (RFC 4180) with header {@code section,time,name,chip,serial,count}:
 * rows {@code total}, {@code refusal}, {@code hour} (name = issued|provisioned|refused),
 * {@code suspect} (name = code, count 1) and {@code order} (name = order, count = used).
 */
public final class ReportCsv {
    public static final String HEADER = "section,time,name,chip,serial,count";

    private ReportCsv() {
    }

    public static String format(Report report) {
        StringBuilder sb = new StringBuilder(HEADER).append("\r\n");
        for (Map.Entry<String, Long> e : report.totals().entrySet()) {
            row(sb, "total", "", e.getKey(), "", "", e.getValue());
        }
        for (Map.Entry<String, Long> e : report.refusals().entrySet()) {
            row(sb, "refusal", "", e.getKey(), "", "", e.getValue());
        }
        for (Report.Hour h : report.hours()) {
            row(sb, "hour", h.hour(), "issued", "", "", h.issued());
            row(sb, "hour", h.hour(), "provisioned", "", "", h.provisioned());
            row(sb, "hour", h.hour(), "refused", "", "", h.refused());
        }
        for (Report.CloneSuspect s : report.cloneSuspects()) {
            row(sb, "suspect", s.time(), s.code(), s.chip(), s.serial(), 1);
        }
        for (Report.OrderProgress o : report.orders()) {
            row(sb, "order", "", o.name(), "", "", o.used());
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, String section, String time, String name, String chip, String serial,
                            long count) {
        sb.append(cell(section)).append(',').append(cell(time)).append(',').append(cell(name)).append(',')
                .append(cell(chip)).append(',').append(cell(serial)).append(',').append(count).append("\r\n");
    }

    private static String cell(String value) {
        if (value == null) {
            return "";
        }
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }
}
