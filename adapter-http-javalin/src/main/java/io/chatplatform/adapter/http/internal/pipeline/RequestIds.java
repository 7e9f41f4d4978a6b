package io.chatplatform.adapter.http.internal.pipeline;

import io.javalin.http.Context;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Gives every request an id that ties the answer to the log: an incoming {@code X-Request-Id}
 * (set by a proxy or the client) when it is safe to echo and log, otherwise a new UUID.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    private static final String ATTRIBUTE = "chat.request-id";
    /** Safe in a header and a log line: no spaces, quotes, control characters or line breaks. */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:+/=-]{1,128}");

    private RequestIds() {
    }

    /** Assigns the request its id and echoes it in the response; runs before every handler. */
    public static void assign(Context ctx) {
        String id = choose(ctx.header(HEADER));
        ctx.attribute(ATTRIBUTE, id);
        ctx.header(HEADER, id);
        // every log line written while the request is handled carries it
        org.slf4j.MDC.put("request_id", id);
    }

    /** The incoming id when it is safe to echo and log, otherwise a new one. */
    static String choose(String incoming) {
        return incoming != null && SAFE.matcher(incoming).matches() ? incoming : randomUuid();
    }

    /**
     * A version-4 UUID from {@link ThreadLocalRandom}: a request id only has to be unique, not
     * unpredictable, and {@code UUID.randomUUID()}'s SecureRandom was 3 % of a cached read's CPU.
     */
    static String randomUuid() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & ~(0xC000_0000_0000_0000L)) | 0x8000_0000_0000_0000L;
        return new UUID(high, low).toString();
    }

    /** The request's id; assigned now if the request failed before {@link #assign} ran. */
    public static String of(Context ctx) {
        String id = ctx.attribute(ATTRIBUTE);
        if (id == null) {
            assign(ctx);
            id = ctx.attribute(ATTRIBUTE);
        }
        return id;
    }
}
