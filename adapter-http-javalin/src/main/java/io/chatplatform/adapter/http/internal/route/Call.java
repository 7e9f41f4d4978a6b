package io.chatplatform.adapter.http.internal.route;

import io.chatplatform.adapter.http.internal.request.RequestReader;
import io.chatplatform.application.port.out.AccessTokens.Grant;
import io.chatplatform.domain.limit.ClientAddress;
import io.chatplatform.domain.session.SessionId;
import io.chatplatform.domain.session.UserAgent;
import io.chatplatform.domain.user.UserId;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What an action sees of a request: its inputs, where it came from and, on authenticated routes,
 * who is calling in which session.
 */
public final class Call {

    private final RequestReader in;
    private final Grant grant;
    private final Supplier<ClientAddress> from;
    private final Supplier<Optional<UserAgent>> userAgent;

    Call(RequestReader in, Grant grant, Supplier<ClientAddress> from, Supplier<Optional<UserAgent>> userAgent) {
        this.in = Objects.requireNonNull(in, "in");
        this.grant = grant;
        this.from = Objects.requireNonNull(from, "from");
        this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
    }

    /** Where the request came from (behind a trusted proxy, where the proxy says it came from). */
    public ClientAddress from() {
        return from.get();
    }

    /**
     * How the client describes itself ({@code User-Agent}, made fit to keep); not an input of the
     * route's document: every client sends it, and it decides nothing, it only labels a session.
     */
    public Optional<UserAgent> userAgent() {
        return userAgent.get();
    }

    /** The request's declared inputs. */
    public RequestReader in() {
        return in;
    }

    /** The authenticated caller. */
    public UserId caller() {
        return grant().user();
    }

    /** The login session the caller's token belongs to (logout ends it; a password change keeps it). */
    public SessionId session() {
        return grant().session();
    }

    private Grant grant() {
        if (grant == null) {
            throw new IllegalStateException("the caller was asked for on a route that is not authenticated");
        }
        return grant;
    }
}
