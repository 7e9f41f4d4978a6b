package io.chatplatform.adapter.http.internal.live;

import io.chatplatform.adapter.http.internal.live.ClientMessage.Ack;
import io.chatplatform.adapter.http.internal.live.ClientMessage.Auth;
import io.chatplatform.adapter.http.internal.live.ClientMessage.Ping;
import io.chatplatform.adapter.http.internal.live.ClientMessage.Rejected;
import io.chatplatform.adapter.http.internal.live.ClientMessage.Resume;
import io.chatplatform.adapter.http.internal.live.ClientMessage.TypingTo;
import io.chatplatform.application.port.in.Authenticate;
import io.chatplatform.application.port.in.OpenLiveConnection;
import io.chatplatform.application.port.in.OpenLiveConnection.LiveConnection;
import io.chatplatform.application.port.out.AccessTokens.Grant;
import io.chatplatform.domain.realtime.CloseReason;
import io.chatplatform.domain.user.UserId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Future;

/**
 * One connection to {@code /ws}: first it waits for its credentials, then it is the user's live
 * connection until it closes or its token expires. Client messages become calls of the
 * application's {@link LiveConnection}; everything the server says goes through the
 * {@link WebSocketChannel}. Jetty delivers a connection's messages one at a time; the timers
 * (authentication timeout, token expiry) come from another thread, hence the lock.
 */
final class LiveSocket {

    private enum State { AWAITING_AUTH, OPEN, CLOSED }

    private final WebSocketChannel channel;
    private final Authenticate authenticate;
    private final OpenLiveConnection live;
    private final FrameBudget budget;
    // guarded by this
    private State state = State.AWAITING_AUTH;
    private UserId user;
    private Instant expiresAt;
    private LiveConnection connection;
    private Future<?> authTimer;

    LiveSocket(WebSocketChannel channel, Authenticate authenticate, OpenLiveConnection live, FrameBudget budget) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.authenticate = Objects.requireNonNull(authenticate, "authenticate");
        this.live = Objects.requireNonNull(live, "live");
        this.budget = Objects.requireNonNull(budget, "budget");
    }

    /** Closes the connection unless it authenticates before {@code timer} fires (it calls {@link #authTimedOut}). */
    synchronized void awaitAuth(Future<?> timer) {
        if (state == State.AWAITING_AUTH) {
            authTimer = timer;
        } else {
            timer.cancel(false);
        }
    }

    /**
     * Checks the token (from the handshake or an {@code auth} message); a good one opens the live
     * connection, announced by {@code ready}. Anything else closes with 4401.
     */
    void authenticate(String token) {
        Optional<Grant> grant = token == null ? Optional.empty() : authenticate.authenticate(token);
        if (grant.isEmpty()) {
            channel.close(CloseReason.INVALID_TOKEN);
            return;
        }
        synchronized (this) {
            if (state != State.AWAITING_AUTH || channel.closing()) {
                return;
            }
            if (authTimer != null) {
                authTimer.cancel(false);
                authTimer = null;
            }
            state = State.OPEN;
            user = grant.get().user();
            expiresAt = grant.get().expiresAt();
            // ready first: the application may start sending the moment the connection is open
            channel.offer(ServerFrames.ready(user));
            // opened in the token's session: when that session ends, the application closes it
            connection = live.open(user, Optional.of(grant.get().session()), channel);
        }
    }

    /** A text message from the client. */
    void onText(String text) {
        if (channel.closing() || !withinBudget()) {
            return;
        }
        ClientMessage message = ClientMessage.parse(text);
        LiveConnection open;
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            open = connection;
        }
        if (open == null) {
            if (message instanceof Auth auth) {
                authenticate(auth.token());
            } else {
                channel.close(CloseReason.NOT_AUTHENTICATED);
            }
            return;
        }
        if (message instanceof Resume resume) {
            // not activity: the resume must reach the connection while it still holds live events back
            open.resume(resume.positions(), resume.changePositions());
        } else if (message instanceof Ack ack) {
            open.activity();
            open.received(ack.peer(), ack.seq());
        } else if (message instanceof TypingTo typing) {
            open.activity();
            open.typing(typing.peer());
        } else if (message instanceof Ping) {
            open.activity();
            open.ping();
        } else if (message instanceof Auth) {
            problem("invalid", "already authenticated; to renew a token, reconnect with the new one and resume");
        } else if (message instanceof Rejected rejected) {
            problem(rejected.code(), rejected.message());
        }
    }

    /** A binary message from the client: the protocol has none. */
    void onBinary() {
        if (channel.closing() || !withinBudget()) {
            return;
        }
        boolean open;
        synchronized (this) {
            open = connection != null;
        }
        if (open) {
            problem("unsupported", "binary messages are not supported; send JSON text");
        } else {
            channel.close(CloseReason.NOT_AUTHENTICATED);
        }
    }

    /** The authentication timer fired. */
    void authTimedOut() {
        synchronized (this) {
            if (state != State.AWAITING_AUTH) {
                return;
            }
        }
        channel.close(CloseReason.AUTH_TIMEOUT);
    }

    /** Closes the connection when its token has expired at {@code now}. */
    void expireIfDue(Instant now) {
        synchronized (this) {
            if (state != State.OPEN || now.isBefore(expiresAt)) {
                return;
            }
        }
        channel.close(CloseReason.TOKEN_EXPIRED);
    }

    /** Closes the connection from this side. */
    void close(CloseReason reason) {
        channel.close(reason);
    }

    /** The connection closed (either side, or it broke): the application forgets it. */
    void onClosed() {
        LiveConnection open;
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            state = State.CLOSED;
            if (authTimer != null) {
                authTimer.cancel(false);
                authTimer = null;
            }
            open = connection;
        }
        channel.discard();
        if (open != null) {
            open.closed();
        }
    }

    /** The authenticated user; null before. */
    synchronized UserId user() {
        return user;
    }

    WebSocketChannel channel() {
        return channel;
    }

    /** Counts the message against the connection's allowance; false when it must not be acted on. */
    private boolean withinBudget() {
        switch (budget.take()) {
            case ADMITTED:
                return true;
            case REFUSED_FIRST:
                problem("rate_limited", "too many messages on this connection; this one and the next are ignored until"
                        + " the allowance refills");
                return false;
            case FLOODING:
                channel.close(CloseReason.FLOODING);
                return false;
            default:
                return false;
        }
    }

    private void problem(String code, String message) {
        if (!channel.offer(ServerFrames.error(code, message))) {
            channel.close(CloseReason.TOO_SLOW);
        }
    }
}
