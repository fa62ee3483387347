package io.imprint.server.http;

import io.imprint.protocol.message.AttestationRequest;
import io.imprint.protocol.message.ChallengeRequest;
import io.imprint.protocol.message.DeviceApi;
import io.imprint.protocol.message.PreparationRequest;
import io.imprint.protocol.message.ReceiptRequest;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.attest.Attestations;
import io.imprint.server.attest.Challenges;
import io.imprint.server.attest.Receipts;
import io.imprint.server.events.Attempt;
import io.imprint.server.ratelimit.ClientKey;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.function.Consumer;

/** The device API handlers: read a bounded JSON body, call the service, render JSON. */
final class DeviceHandlers {
    /** Oversized bodies up to this size are read and dropped before the 413 is sent. */
    private static final long DRAIN_LIMIT = 256 * 1024;
    private final Challenges challenges;
    private final Attestations attestations;
    private final Receipts receipts;
    private final Json json;

    DeviceHandlers(Challenges challenges, Attestations attestations, Receipts receipts, Json json) {
        this.challenges = challenges;
        this.attestations = attestations;
        this.receipts = receipts;
        this.json = json;
    }

    void challenge(Context ctx) {
        Attempt attempt = Problems.attempt(ctx);
        ChallengeRequest request = read(ctx, ChallengeRequest.class, e -> challenges.refusedUnread(e, attempt));
        render(ctx, challenges.issue(request, attempt, ClientKey.of(ctx.req().getRemoteAddr())));
    }

    void attest(Context ctx) {
        Attempt attempt = Problems.attempt(ctx);
        AttestationRequest request = read(ctx, AttestationRequest.class, e -> attestations.refusedUnread(e, attempt));
        render(ctx, attestations.attest(request, attempt));
    }

    void prepare(Context ctx) {
        Attempt attempt = Problems.attempt(ctx);
        PreparationRequest request = read(ctx, PreparationRequest.class, e -> attestations.preparationUnread(e, attempt));
        render(ctx, attestations.prepare(request, attempt));
    }

    void receipt(Context ctx) {
        Attempt attempt = Problems.attempt(ctx);
        ReceiptRequest request = read(ctx, ReceiptRequest.class, e -> receipts.refusedUnread(e, attempt));
        render(ctx, receipts.confirm(request, attempt));
    }

    private <T> T read(Context ctx, Class<T> type, Consumer<ImprintException> onRefused) {
        try {
            requireJson(ctx.contentType());
            return json.read(body(ctx), type);
        } catch (ImprintException e) {
            onRefused.accept(e);
            throw e;
        }
    }

    /**
     * The media type must be {@code application/json}; a {@code charset} parameter, when given, must
     * name UTF-8 (other parameters are ignored).
     */
    static void requireJson(String contentType) {
        String[] parts = contentType == null ? new String[] {""} : contentType.toLowerCase(Locale.ROOT).split(";");
        if (!parts[0].strip().equals(DeviceApi.JSON)) {
            throw new ImprintException(ProblemCode.UNSUPPORTED_MEDIA_TYPE, "request body must be " + DeviceApi.JSON);
        }
        for (int i = 1; i < parts.length; i++) {
            String[] param = parts[i].split("=", 2);
            if (param[0].strip().equals("charset")) {
                String charset = param.length < 2 ? "" : param[1].strip().replace("\"", "");
                if (!charset.equals("utf-8")) {
                    throw new ImprintException(ProblemCode.UNSUPPORTED_MEDIA_TYPE,
                            "request body must be UTF-8 " + DeviceApi.JSON + "; charset " + Problems.printable(charset)
                                    + " is not accepted");
                }
            }
        }
    }

    private static byte[] body(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        try (InputStream in = ctx.req().getInputStream()) {
            if (declared > DeviceApi.MAX_BODY_BYTES) {
                drain(in, declared);
                throw tooLarge();
            }
            byte[] body = in.readNBytes(DeviceApi.MAX_BODY_BYTES + 1);
            if (body.length > DeviceApi.MAX_BODY_BYTES) {
                drain(in, DRAIN_LIMIT);
                throw tooLarge();
            }
            return body;
        } catch (IOException e) {
            throw new ImprintException(ProblemCode.MALFORMED_REQUEST, "request body could not be read");
        }
    }

    /**
     * Reads and drops a moderately oversized body so the client gets its 413 on an orderly connection;
     * anything beyond {@link #DRAIN_LIMIT} is not read at all (the connection is closed instead).
     */
    private static void drain(InputStream in, long declared) throws IOException {
        if (declared <= DRAIN_LIMIT) {
            byte[] sink = new byte[8192];
            long left = DRAIN_LIMIT;
            for (int n; left > 0 && (n = in.read(sink, 0, (int) Math.min(sink.length, left))) > 0; ) {
                left -= n;
            }
        }
    }

    private static ImprintException tooLarge() {
        return new ImprintException(ProblemCode.REQUEST_TOO_LARGE,
                "request body larger than " + DeviceApi.MAX_BODY_BYTES + " bytes");
    }

    private void render(Context ctx, Object response) {
        ctx.status(200);
        ctx.header("X-Correlation-Id", Problems.correlationId(ctx));
        ctx.contentType(DeviceApi.JSON);
        ctx.result(json.write(response));
    }
}
