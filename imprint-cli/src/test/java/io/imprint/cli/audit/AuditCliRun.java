package io.imprint.cli.audit;

import io.imprint.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;

/** The outcome of one {@code imprint} command line run in-process (a copy of the CLI tests' runner). */
record AuditCliRun(int exitCode, String out, String err) {
    static AuditCliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new AuditCliRun(code, out.toString(), err.toString());
    }
}
