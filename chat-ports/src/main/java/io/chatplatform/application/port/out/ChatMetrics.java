package io.chatplatform.application.port.out;

import io.chatplatform.domain.cache.CacheType;
import io.chatplatform.domain.limit.LimitedAction;
import java.time.Duration;

/**
 * What the service reports about itself, for an operator's dashboards. Every method does nothing
 * unless an adapter (Prometheus) overrides it, so reporting is optional and never in the way.
 *
 * <p>Arguments are bounded sets of values (route templates, statement names, cache types), never
 * user ids, message ids, tokens or raw paths: each distinct value becomes a time series.
 *
 * <p>Implementations must be safe for concurrent use: the library calls them from request threads and
 * from threads of its own (live connections, timers), several at once.
 */
public interface ChatMetrics {

    /** Reports nothing. */
    ChatMetrics NONE = new ChatMetrics() {
    };

    /** An HTTP request was answered; {@code route} is the route template, or "unmatched". */
    default void httpRequest(String method, String route, int status, Duration duration) {
    }

    /** A message was stored (not a retry). */
    default void messageSent() {
    }

    /** A message was changed (edited, deleted, reacted to) or a delivery marker moved. */
    default void messageChanged(ChangeKind kind) {
    }

    /** An account was created. */
    default void userRegistered() {
    }

    /** A rate limit refused an action (the request was answered "too many requests"). */
    default void throttled(LimitedAction action) {
    }

    /** Bounded CPU-heavy work ("password hashing") refused a task because its queue was full. */
    default void capacityExceeded(String work) {
    }

    /** A login succeeded or was refused. */
    /** A refresh: {@code outcome} is "refreshed" or the lower-cased reason it was refused. */
    default void tokenRefresh(String outcome) {
    }

    /** {@code count} sessions ended; {@code why} is "logout", "revoked", "password_change", "reuse", "expired" or "account_deleted". */
    default void sessionsEnded(String why, int count) {
    }

    default void login(boolean success) {
    }

    /** A cache lookup ended as "hit", "miss" or "bypass". */
    default void cacheLookup(CacheType type, String outcome) {
    }

    /** A cache round trip ("get", "put", "invalidate") took this long. */
    default void cacheOperation(String operation, Duration duration) {
    }

    /** A cache call failed (and the request was served without the cache). */
    default void cacheFailure() {
    }

    /** A database statement, named as in the store's catalogue of statements, took this long. */
    default void statement(String name, Duration duration) {
    }

    /** A live connection opened or closed. */
    default void liveConnection(boolean opened) {
    }

    /** A live event of this type ("message.created", ...) was handed to a connection, or dropped because it was too slow. */
    default void liveEvent(String type, boolean delivered) {
    }

    /**
     * The library caught a failure it could not hand to a caller (see {@link ErrorReporter});
     * {@code where} is one of the {@link ErrorReporter.Where} labels.
     */
    default void libraryError(String where) {
    }
}
