package io.imprint.cli.demo;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The commands to try after the demo, printed with the demo's own paths so each runs as printed from
 * the repository root: a report, the audit trail's verification, the offline path (bundle build, device
 * apply-bundle, receipts import) and, while the demo server keeps running, the admin API.
 */
final class NextSteps {
    private static final String CONSOLE = "/console/";
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

    private NextSteps() {
    }

    /** How to reach the running demo's admin API: URL, TLS fingerprint and an oem-admin credential prefix. */
    record AdminAccess(URI uri, String fingerprint, Path operator) {
    }

    /** {@code admin} is null unless the server keeps running; {@code kit} is null for a line without MP keys. */
    static void print(PrintWriter out, Path dataDir, String product, OfflineKit kit, AdminAccess admin) {
        String d = dataDir.toAbsolutePath().toString();
        out.println("Next, try these on the demo's data (from the repository root; each works as printed):");
        comment(out, "the production report: issued, provisioned, refused, networked vs offline");
        command(out, "report", "--data-dir", d);
        comment(out, "verify the hash-chained audit trail in the store");
        command(out, "audit", "verify", "--data-dir", d);
        if (kit == null) {
            comment(out, "the offline path (bundle build, device apply-bundle, receipts import) derives its key from");
            comment(out, "the i.MX MP public key: see it with the default backend, './imprint demo --keep'");
        } else {
            offline(out, d, product, kit);
        }
        if (admin != null) {
            comment(out, "the running server's admin API (mTLS, as the oem-admin credential made for you)");
            command(out, "report", "--server", admin.uri().toString(), "--operator", admin.operator().toString(),
                    "--server-fingerprint", admin.fingerprint());
        }
        out.flush();
    }

    private static void offline(PrintWriter out, String d, String product, OfflineKit kit) {
        comment(out, "the offline path: build a bundle for order " + OfflineKit.ORDER + " (keys in a software key store),");
        comment(out, "apply it on an emulated chip, import the chip's sealed receipt, see it counted as offline");
        command(out, "bundle", "build", "--data-dir", d, "--key-store", "file:" + kit.keys(), "--mp-key-label",
                OfflineKit.MP_LABEL, "--signing-key-label", OfflineKit.SIGNING_LABEL, "--receipt-key-label",
                OfflineKit.RECEIPT_LABEL, "--product", product, "--order", OfflineKit.ORDER, "--random",
                "disk-encryption-key:32", "--unit-random", "device-key:32", "--serials",
                OfflineKit.FIRST_SERIAL + ".." + OfflineKit.FIRST_SERIAL, "--expires", "30d", "--out",
                kit.bundle().toString());
        command(out, "device", "apply-bundle", "--dir", kit.chip().toString(), "--bundle", kit.bundle().toString(),
                "--oem-key", kit.oemKey().toString(), "--product", product, "--serial", OfflineKit.FIRST_SERIAL,
                "--receipts", kit.receipts().toString());
        command(out, "receipts", "import", "--data-dir", d, "--file", kit.receipts().toString(), "--key-store",
                "file:" + kit.keys(), "--receipt-key-label", OfflineKit.RECEIPT_LABEL);
        command(out, "report", "--data-dir", d, "--order", OfflineKit.ORDER);
    }

    /**
     * Where the running demo's operator console is and how to open it in a browser: the console URL, the
     * oem-admin {@code .p12} and the file holding its password (never the password), and the one command
     * that imports it into Chromium's certificate database on Linux.
     */
    static void printConsole(PrintWriter out, AdminAccess admin) {
        String p12 = DemoOperator.p12(admin.operator()).toString();
        String password = DemoOperator.passwordFile(admin.operator()).toString();
        out.println("Operator console (in a browser, as oem-admin " + DemoOperator.NAME + "): "
                + admin.uri().resolve(CONSOLE));
        out.println("  certificate " + p12 + " (its password is in " + password + ", mode 600)");
        out.println("  import it once (Chromium on Linux, after its first start; other browsers: certificate settings,"
                + " Your certificates, Import):");
        out.println("    pk12util -i " + quote(p12) + " -d sql:$HOME/.pki/nssdb -w " + quote(password));
        out.println("  then open the URL, accept the server's self-signed certificate (SHA-256 below) and choose "
                + DemoOperator.NAME + ".");
        out.flush();
    }

    private static void comment(PrintWriter out, String text) {
        out.println("  # " + text);
    }

    private static void command(PrintWriter out, String... args) {
        StringBuilder sb = new StringBuilder("  ./imprint");
        for (String a : List.of(args)) {
            sb.append(' ').append(quote(a));
        }
        out.println(sb);
    }

    /** The argument as the shell must see it: as is when plain, else single-quoted. */
    static String quote(String arg) {
        return PLAIN.matcher(arg).matches() ? arg : "'" + arg.replace("'", "'\\''") + "'";
    }
}
