package io.chatplatform.bootstrap;

import java.util.Locale;

/** Which cache the service puts in front of PostgreSQL (CHAT_CACHE). */
public enum CacheMode {
    /** Redis when CHAT_REDIS_URL is set, else in-process. */
    AUTO,
    /** Redis at CHAT_REDIS_URL: shared by every instance. */
    REDIS,
    /** In this JVM's heap: for a single instance. */
    IN_PROCESS,
    /** No cache: every read goes to PostgreSQL (for measurements and debugging). */
    OFF;

    static CacheMode parse(String value) {
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("CHAT_CACHE must be one of auto, redis, in-process, off; was '" + value + "'");
        }
    }
}
