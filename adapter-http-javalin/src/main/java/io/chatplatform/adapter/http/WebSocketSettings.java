package io.chatplatform.adapter.http;

import io.chatplatform.domain.limit.LimitedAction;
import io.chatplatform.domain.limit.RateLimit;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@code GET /ws} treats live connections (the protocol is in {@code docs/realtime.md}). Read
 * once at start-up.
 *
 * @param authTimeout         how long a connection that did not authenticate in its handshake may
 *                            take to send its {@code auth} message; then it is closed with 4401
 * @param idleTimeout         a connection without a frame in either direction for this long is
 *                            closed (clients ping well within it)
 * @param maxMessageBytes     the largest client message; a larger one closes the connection with 1009
 * @param outboxCapacity      server messages waiting for one client; a client that lets more pile
 *                            up is closed with 1008 instead of growing the server's memory
 * @param expiryCheckInterval how often open connections are checked for a token that has expired
 * @param frameLimit          how many messages a client may send over one connection; beyond it a
 *                            message is answered with a {@code rate_limited} error and not acted on
 *                            (empty: unlimited)
 */
public record WebSocketSettings(Duration authTimeout, Duration idleTimeout, int maxMessageBytes, int outboxCapacity,
                                Duration expiryCheckInterval, Optional<RateLimit> frameLimit) {

    /**
     * 5 s to authenticate, 5 minutes idle, 16 KiB messages, 1,024 queued server messages (above a
     * resume's 500-message budget, so a resume never overflows it), expiry checked every second.
     */
    public static final WebSocketSettings DEFAULT = new WebSocketSettings(Duration.ofSeconds(5), Duration.ofMinutes(5),
            16 * 1024, 1024, Duration.ofSeconds(1), Optional.of(LimitedAction.LIVE_FRAMES_PER_CONNECTION.defaultLimit()));

    /** Without a frame limit. */
    public WebSocketSettings(Duration authTimeout, Duration idleTimeout, int maxMessageBytes, int outboxCapacity,
                             Duration expiryCheckInterval) {
        this(authTimeout, idleTimeout, maxMessageBytes, outboxCapacity, expiryCheckInterval, Optional.empty());
    }

    /** The same, with this frame limit (empty: unlimited). */
    public WebSocketSettings withFrameLimit(Optional<RateLimit> frameLimit) {
        return new WebSocketSettings(authTimeout, idleTimeout, maxMessageBytes, outboxCapacity, expiryCheckInterval, frameLimit);
    }

    public WebSocketSettings {
        Objects.requireNonNull(frameLimit, "frameLimit");
        positive(authTimeout, "authTimeout");
        positive(idleTimeout, "idleTimeout");
        positive(expiryCheckInterval, "expiryCheckInterval");
        if (maxMessageBytes < 1) {
            throw new IllegalArgumentException("maxMessageBytes must be at least 1, was " + maxMessageBytes);
        }
        if (outboxCapacity < 1) {
            throw new IllegalArgumentException("outboxCapacity must be at least 1, was " + outboxCapacity);
        }
    }

    private static void positive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
