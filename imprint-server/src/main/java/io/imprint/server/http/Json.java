package io.imprint.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict JSON for both listeners' requests and responses. A request body must be UTF-8 (no byte order
 * mark, no UTF-16 or UTF-32), one JSON object with no member named twice at any depth, no unknown
 * members, no trailing tokens, and every value of its declared JSON type: a string is never taken for
 * a number or a boolean, nor a number or a boolean for a string. Anything else is a malformed request.
 */
public final class Json {
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private final ObjectMapper mapper;

    public Json() {
        this.mapper = JsonMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .withCoercionConfig(LogicalType.Textual, c -> c
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(8).maxStringLength(64 * 1024).build());
    }

    public <T> T read(byte[] body, Class<T> type) {
        String text = utf8(body);
        try {
            T value = mapper.readValue(text, type);
            if (value == null) {
                throw new ImprintException(ProblemCode.MALFORMED_REQUEST, "request body must be a JSON object");
            }
            return value;
        } catch (IOException e) {
            throw new ImprintException(ProblemCode.MALFORMED_REQUEST, "request body is not a valid "
                    + type.getSimpleName() + " JSON object");
        }
    }

    public byte[] write(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render " + value.getClass().getSimpleName(), e);
        }
    }

    /** The body as text: strict UTF-8 without a byte order mark (JSON's auto-detection of UTF-16/32 is not used). */
    private static String utf8(byte[] body) {
        if (body.length >= UTF8_BOM.length && body[0] == UTF8_BOM[0] && body[1] == UTF8_BOM[1]
                && body[2] == UTF8_BOM[2]) {
            throw new ImprintException(ProblemCode.MALFORMED_REQUEST,
                    "request body must be UTF-8 without a byte order mark");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new ImprintException(ProblemCode.MALFORMED_REQUEST, "request body is not valid UTF-8");
        }
        if (text.indexOf('\u0000') >= 0) {
            throw new ImprintException(ProblemCode.MALFORMED_REQUEST,
                    "request body must be UTF-8 (it holds NUL bytes, as UTF-16 or UTF-32 would)");
        }
        return text;
    }
}
