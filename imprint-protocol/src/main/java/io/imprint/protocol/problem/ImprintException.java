package io.imprint.protocol.problem;

/**
 * The one domain exception: a refusal with a stable {@link ProblemCode} and a human detail.
 * The detail must never contain secret material; it is shown to clients and written to logs.
 * A refusal received from a server also carries the server's correlation id, so the person reading
 * the message can quote it and the operator can find the log line, the event and the alert.
 */
public class ImprintException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ProblemCode code;
    private final String detail;
    private final String correlationId;

    public ImprintException(ProblemCode code, String detail) {
        this(code, detail, null, null);
    }

    public ImprintException(ProblemCode code, String detail, Throwable cause) {
        this(code, detail, null, cause);
    }

    private ImprintException(ProblemCode code, String detail, String correlationId, Throwable cause) {
        super(correlationId == null ? detail : detail + " (correlation id " + correlationId + ")", cause);
        this.code = code;
        this.detail = detail;
        this.correlationId = correlationId;
    }

    /**
     * A refusal a server sent as a problem document; {@code correlationId} may be null when the
     * document carried none.
     */
    public static ImprintException received(ProblemCode code, String detail, String correlationId) {
        String id = correlationId == null || correlationId.isBlank() ? null : printable(correlationId);
        return new ImprintException(code, detail, id, null);
    }

    public ProblemCode code() { return code; }

    /** The detail alone, without the correlation id. */
    public String detail() { return detail; }

    /** The server's correlation id of a received refusal, or null. */
    public String correlationId() { return correlationId; }

    /** A server-sent id is shown on a terminal: keep it short and printable. */
    private static String printable(String id) {
        String cut = id.length() > 64 ? id.substring(0, 64) : id;
        return cut.replaceAll("[^\\x21-\\x7e]", "?");
    }
}
