package io.imprint.protocol.problem;

/**
 * The one domain exception: a refusal with a stable {@link ProblemCode} and a human detail.
 * The detail must never contain secret material; it is shown to clients and written to logs.
 */
public class ImprintException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ProblemCode code;

    public ImprintException(ProblemCode code, String detail) {
        super(detail);
        this.code = code;
    }

    public ImprintException(ProblemCode code, String detail, Throwable cause) {
        super(detail, cause);
        this.code = code;
    }

    public ProblemCode code() { return code; }

    public String detail() { return getMessage(); }
}
