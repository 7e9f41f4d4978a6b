package io.chatplatform.adapter.http.internal.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The one JSON configuration of the API: snake_case names, nulls written out, timestamps in UTC
 * with exactly three fraction digits, text as UTF-8 (emoji unescaped), and strict parsing (no trailing garbage, floats kept exact
 * so that {@code 1e400} or {@code 2.5} can be judged rather than rounded).
 */
public final class Json {

    /** {@code 2026-11-27T14:31:05.123Z}: the shape the replaced service's clients parse. */
    public static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    public static final String MEDIA_TYPE = "application/json";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            // emoji as 4 UTF-8 bytes, not as a \uD83D\uDE00 escape pair: content goes out as it came in
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .addModule(new SimpleModule("chat-http").addSerializer(Instant.class, new InstantSerializer()))
            // generated accessors instead of reflection: every response is serialized through here
            .addModule(new BlackbirdModule())
            .build();

    private Json() {
    }

    /** The configured mapper, for building documents ({@code createObjectNode}) and naming properties. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Parses a request body; the caller has made sure it is not empty. */
    public static JsonNode parse(byte[] body) throws JsonProcessingException {
        try {
            return MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            // readTree(byte[]) reads from memory; any other IOException is a malformed document
            throw new JsonParseFailure(e.getMessage());
        }
    }

    /** Serialises a response body to UTF-8 JSON. */
    public static byte[] bytes(Object body) {
        try {
            return MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + body.getClass().getName() + " to JSON", e);
        }
    }

    /**
     * A generator writing UTF-8 JSON to {@code out} in this configuration (views written with
     * {@code writeObject} come out as in any response); closing it closes {@code out}.
     */
    public static JsonGenerator generator(OutputStream out) throws IOException {
        return MAPPER.createGenerator(out, JsonEncoding.UTF8);
    }

    /** Answers with {@code body} as JSON and the given status. */
    public static void respond(Context ctx, int status, Object body) {
        ctx.status(status).contentType(MEDIA_TYPE).result(bytes(body));
    }

    /** Formats an instant as the API shows timestamps. */
    public static String timestamp(Instant instant) {
        return Timestamps.format(instant);
    }

    /** A malformed document that Jackson reported as a plain {@link IOException}. */
    public static final class JsonParseFailure extends JsonProcessingException {
        private static final long serialVersionUID = 1L;

        JsonParseFailure(String message) {
            super(message);
        }
    }

    private static final class InstantSerializer extends StdSerializer<Instant> {
        private static final long serialVersionUID = 1L;

        InstantSerializer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(Timestamps.format(value));
        }
    }
}
