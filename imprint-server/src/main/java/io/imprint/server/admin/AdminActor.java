package io.imprint.server.admin;

/**
 * Who an admin audit entry names: an authenticated {@link Operator}, or the bounded, printable subject
 * of a client certificate that could not be mapped to one (role {@value #UNAUTHENTICATED}).
 *
 * @param name the entry's actor (operator name, {@code local:<user>}, or the certificate subject)
 * @param role the operator's role slug, or {@value #UNAUTHENTICATED}
 * @param cm the cm-operator's contract manufacturer, else null
 */
public record AdminActor(String name, String role, String cm) {
    /** Role recorded for a caller whose certificate names no valid operator. */
    public static final String UNAUTHENTICATED = "unauthenticated";
    private static final int MAX_NAME = 128;

    public AdminActor {
        if (name == null || name.isBlank() || role == null) {
            throw new IllegalArgumentException("an admin actor needs a name and a role");
        }
    }

    /** The actor of an authenticated operator. */
    public static AdminActor of(Operator who) {
        return new AdminActor(who.name(), who.role().slug(), who.cm());
    }

    /** The actor of a refused certificate: its subject, non-printable characters replaced, at most 128 chars. */
    public static AdminActor unauthenticated(String subject) {
        String printable = subject == null ? "" : subject.replaceAll("[^\\x20-\\x7E]", "?").strip();
        if (printable.isEmpty()) {
            printable = "(no client certificate)";
        }
        return new AdminActor(printable.length() <= MAX_NAME ? printable : printable.substring(0, MAX_NAME),
                UNAUTHENTICATED, null);
    }
}
