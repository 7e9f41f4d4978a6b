package io.chatplatform.application.service;

import io.chatplatform.application.port.in.ManageSessions;
import io.chatplatform.application.port.in.RefreshSession;
import io.chatplatform.application.port.in.SessionTokens;
import io.chatplatform.application.port.in.Throttled;
import io.chatplatform.application.port.out.AccessTokens;
import io.chatplatform.application.port.out.ChatMetrics;
import io.chatplatform.application.port.out.EventPublisher;
import io.chatplatform.application.port.out.SessionStore;
import io.chatplatform.domain.event.SessionsEnded;
import io.chatplatform.domain.limit.LimitedAction;
import io.chatplatform.domain.session.RefreshToken;
import io.chatplatform.domain.session.Session;
import io.chatplatform.domain.session.SessionId;
import io.chatplatform.domain.session.SessionPolicy;
import io.chatplatform.domain.session.UserAgent;
import io.chatplatform.domain.user.UserId;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Sessions: opened by a login, kept alive by rotating refresh tokens, ended by their owner, by a
 * password change, by the account's deletion or by a refresh token's reuse. Every ending is
 * published ({@link SessionsEnded}) after it is stored: the cache then refuses the session's
 * access tokens on every instance, and every instance closes its live connections.
 */
public final class SessionService implements RefreshSession, ManageSessions {

    private final SessionStore store;
    private final AccessTokens tokens;
    private final SessionPolicy policy;
    private final EventPublisher events;
    private final RateLimiting limits;
    private final ChatMetrics metrics;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final SessionCheckMemo recentChecks;

    public SessionService(SessionStore store, AccessTokens tokens, SessionPolicy policy, EventPublisher events,
                          RateLimiting limits, ChatMetrics metrics, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.events = Objects.requireNonNull(events, "events");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.recentChecks = new SessionCheckMemo(policy.checkReuse(), clock);
    }

    /** Opens a session for a user who just proved their password, with its first tokens. */
    SessionTokens open(UserId user, Optional<UserAgent> userAgent) {
        Instant now = Times.now(clock);
        RefreshToken draft = refreshToken(user, SessionId.of(1));
        Session session = store.create(new SessionStore.NewSession(user, draft.hash(), now, userAgent,
                policy.refreshExpiry(now)));
        // the secret was drawn before the id existed; the token names the id the store assigned
        RefreshToken refresh = new RefreshToken(user, session.id(), draft.secret());
        return new SessionTokens(session.id(), tokens.issue(user, session.id(), now), refresh);
    }

    /**
     * Whether the session a genuine access token names still stands: this instance's answer of the
     * last {@link SessionPolicy#checkReuse()}, else the store's (through the shared cache).
     */
    boolean isActive(UserId user, SessionId session) {
        return recentChecks.isActive(user, session, () -> store.isActive(user, session));
    }

    @Override
    public RefreshSession.Result refresh(RefreshSession.Command command) {
        Optional<Throttled> refused = limits.acquire(LimitedAction.TOKEN_REFRESHES_PER_ADDRESS, command.from().value());
        if (refused.isPresent()) {
            return refused.get();
        }
        Optional<RefreshToken> presented = RefreshToken.parse(command.refreshToken());
        if (presented.isEmpty()) {
            return refused(Why.MALFORMED);
        }
        UserId user = presented.get().user();
        SessionId id = presented.get().session();
        Instant now = Times.now(clock);
        RefreshToken next = refreshToken(user, id);
        SessionStore.Rotation rotation = store.rotate(user, id, presented.get().hash(), next.hash(), now,
                policy.refreshExpiry(now));
        if (rotation instanceof SessionStore.Rotated) {
            metrics.tokenRefresh("refreshed");
            return new Refreshed(user, new SessionTokens(id, tokens.issue(user, id, now), next));
        }
        if (rotation instanceof SessionStore.Spent spent) {
            if (!policy.isTheft(spent.spentAt(), now)) {
                return refused(Why.DUPLICATE);
            }
            // two parties hold this session's tokens, one of them a thief: neither keeps it
            end(user, id, "reuse");
            return refused(Why.REUSED);
        }
        if (rotation instanceof SessionStore.Expired) {
            end(user, id, "expired");
            return refused(Why.EXPIRED);
        }
        return refused(Why.UNKNOWN);
    }

    @Override
    public ListResult list(UserId caller, SessionId current) {
        Optional<Throttled> refused = limits.acquire(LimitedAction.SESSION_REQUESTS_PER_USER, caller.toString());
        if (refused.isPresent()) {
            return refused.get();
        }
        Instant now = clock.instant();
        List<SessionView> views = store.list(caller).stream()
                .filter(session -> session.refreshableAt(now) || session.id().equals(current))
                .map(session -> new SessionView(session, session.id().equals(current)))
                .toList();
        return new Listed(views);
    }

    @Override
    public void logOut(UserId caller, SessionId current) {
        if (store.end(caller, current)) {
            ended(caller, Set.of(current), "logout");
        }
    }

    @Override
    public EndResult end(UserId caller, SessionId current, SessionId target) {
        Optional<Throttled> refused = limits.acquire(LimitedAction.SESSION_REQUESTS_PER_USER, caller.toString());
        if (refused.isPresent()) {
            return refused.get();
        }
        if (!store.end(caller, target)) {
            return new NoSuchSession();
        }
        ended(caller, Set.of(target), "revoked");
        return new Ended(1);
    }

    @Override
    public EndResult endOthers(UserId caller, SessionId current) {
        Optional<Throttled> refused = limits.acquire(LimitedAction.SESSION_REQUESTS_PER_USER, caller.toString());
        if (refused.isPresent()) {
            return refused.get();
        }
        Set<SessionId> ended = store.endAll(caller, Optional.of(current));
        ended(caller, ended, "revoked");
        return new Ended(ended.size());
    }

    /** Ends every session of the user but {@code keep} (a password change). */
    void endAllBut(UserId user, Optional<SessionId> keep, String why) {
        ended(user, store.endAll(user, keep), why);
    }

    /** Tells everyone that sessions ended which the store already removed (an account's deletion). */
    void ended(UserId user, Set<SessionId> sessions, String why) {
        if (!sessions.isEmpty()) {
            recentChecks.forget(user, sessions);
            metrics.sessionsEnded(why, sessions.size());
            events.publish(new SessionsEnded(user, sessions));
        }
    }

    private void end(UserId user, SessionId session, String why) {
        if (store.end(user, session)) {
            ended(user, Set.of(session), why);
        }
    }

    private RefreshSession.Result refused(Why why) {
        metrics.tokenRefresh(why.name().toLowerCase(java.util.Locale.ROOT));
        return new Refused(why);
    }

    private RefreshToken refreshToken(UserId user, SessionId session) {
        byte[] secret = new byte[RefreshToken.SECRET_BYTES];
        random.nextBytes(secret);
        return RefreshToken.of(user, session, secret);
    }
}
