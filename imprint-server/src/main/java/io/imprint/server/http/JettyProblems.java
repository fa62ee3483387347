package io.imprint.server.http;

import io.imprint.protocol.message.DeviceApi;
import io.imprint.protocol.message.Problem;
import io.imprint.protocol.problem.ProblemCode;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jetty's error handler on both listeners: errors raised before any route runs (a broken request
 * line, an over-long request target, an over-large header block, {@code OPTIONS *}) become the same
 * RFC 9457 problem documents, with a correlation id and one WARN log line, instead of Jetty's HTML.
 * A request target over the limit keeps status 414 and a header block over it 431, both with code
 * {@code request-too-large}; every other client error is {@code malformed-request} (400).
 */
final class JettyProblems extends ErrorHandler {
    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);
    private final Json json;

    JettyProblems(Json json) {
        this.json = json;
    }

    /** The problem code of an HTTP error status. */
    static ProblemCode codeFor(int status) {
        return switch (status) {
            case 404 -> ProblemCode.NOT_FOUND;
            case 405 -> ProblemCode.METHOD_NOT_ALLOWED;
            case 413, 414, 431 -> ProblemCode.REQUEST_TOO_LARGE;
            case 415 -> ProblemCode.UNSUPPORTED_MEDIA_TYPE;
            case 429 -> ProblemCode.RATE_LIMITED;
            default -> status >= 400 && status < 500 || status == 505 ? ProblemCode.MALFORMED_REQUEST
                    : ProblemCode.INTERNAL;
        };
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = request.getAttribute(ERROR_STATUS) instanceof Integer s ? s : response.getStatus();
        ProblemCode code = codeFor(status);
        int sent = status == 414 || status == 431 ? status : code.httpStatus();
        String correlation = Problems.newCorrelationId();
        String target = (request.getMethod() == null ? "?" : Problems.printable(request.getMethod())) + " "
                + (request.getHttpURI() == null ? "" : Problems.printable(request.getHttpURI().getPathQuery()));
        String detail = detail(status, code, target);
        LOG.warn("refused {} [correlation {}] {}: {}", code.slug(), correlation, target, detail);
        byte[] body = json.write(new Problem(code.type().toString(), code.title(), sent, detail, code.slug(),
                correlation));
        if (response.isCommitted()) {
            callback.succeeded();
            return true;
        }
        response.setStatus(sent);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, DeviceApi.PROBLEM_JSON);
        response.getHeaders().put("X-Correlation-Id", correlation);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }

    private static String detail(int status, ProblemCode code, String target) {
        return switch (status) {
            case 414 -> "request target longer than the server accepts (8 KiB)";
            case 431 -> "request header block larger than the server accepts (8 KiB)";
            case 413 -> "request body larger than the listener accepts";
            case 505 -> "HTTP version not supported; use HTTP/1.1";
            case 404, 405 -> "no such resource: " + target;
            default -> code == ProblemCode.MALFORMED_REQUEST ? "not a valid HTTP/1.1 request" : code.title();
        };
    }
}
