package io.chatplatform.domain.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How long tokens live, and how a refresh token presented twice is judged.
 *
 * <p>A refresh token is spent by its first use. Presenting a spent token again means that two
 * parties hold it, one of them a thief (OAuth 2.0 Security BCP, refresh token rotation): the
 * whole session is revoked, so that neither the thief's tokens nor the owner's keep working. One
 * exception: a spent token presented within {@link #reuseGrace()} of its spending is a client
 * that sent the same refresh twice at once (two tabs, a retry after a lost answer). That request
 * is refused, and the session is left alone; the refresh that won keeps its tokens. Nobody gains
 * a token through the grace: it only decides whether the session is revoked.
 *
 * @param accessTokenTtl  how long an access token is accepted
 * @param refreshTokenTtl how long a refresh token may be used, counted from its issue (so a
 *                        session unused for that long ends)
 * @param reuseGrace      how soon after its spending a spent token counts as a duplicate, not a theft
 * @param checkReuse      how long one instance reuses its answer to "is this session active?" before
 *                        asking the shared cache again: the longest another instance may still accept
 *                        an ended session's access token (at most 1 second; zero asks on every request)
 */
public record SessionPolicy(Duration accessTokenTtl, Duration refreshTokenTtl, Duration reuseGrace, Duration checkReuse) {

    /** Access tokens for 15 minutes, refresh tokens for 30 days, duplicates within 5 seconds, checks reused for 500 ms. */
    public static final SessionPolicy DEFAULT = new SessionPolicy(Duration.ofMinutes(15), Duration.ofDays(30),
            Duration.ofSeconds(5), Duration.ofMillis(500));

    public SessionPolicy {
        Objects.requireNonNull(accessTokenTtl, "accessTokenTtl");
        Objects.requireNonNull(refreshTokenTtl, "refreshTokenTtl");
        Objects.requireNonNull(reuseGrace, "reuseGrace");
        Objects.requireNonNull(checkReuse, "checkReuse");
        if (accessTokenTtl.isNegative() || accessTokenTtl.isZero()) {
            throw new IllegalArgumentException("access tokens must live a while, was " + accessTokenTtl);
        }
        if (refreshTokenTtl.compareTo(accessTokenTtl) <= 0) {
            throw new IllegalArgumentException("refresh tokens must outlive access tokens");
        }
        if (reuseGrace.isNegative() || reuseGrace.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("the reuse grace is between 0 and 1 minute, was " + reuseGrace);
        }
        if (checkReuse.isNegative() || checkReuse.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalArgumentException("a session check is reused between 0 and 1 second, was " + checkReuse);
        }
    }

    /** With the default reuse of session checks (500 ms). */
    public SessionPolicy(Duration accessTokenTtl, Duration refreshTokenTtl, Duration reuseGrace) {
        this(accessTokenTtl, refreshTokenTtl, reuseGrace, Duration.ofMillis(500));
    }

    /** Until when a refresh token issued at {@code issuedAt} may be used. */
    public Instant refreshExpiry(Instant issuedAt) {
        return issuedAt.plus(refreshTokenTtl);
    }

    /** Whether presenting a token spent at {@code spentAt} again at {@code now} is a theft (revoke the session). */
    public boolean isTheft(Instant spentAt, Instant now) {
        return !now.isBefore(spentAt.plus(reuseGrace));
    }

    public SessionPolicy withAccessTokenTtl(Duration ttl) {
        return new SessionPolicy(ttl, refreshTokenTtl, reuseGrace, checkReuse);
    }

    public SessionPolicy withRefreshTokenTtl(Duration ttl) {
        return new SessionPolicy(accessTokenTtl, ttl, reuseGrace, checkReuse);
    }

    public SessionPolicy withReuseGrace(Duration grace) {
        return new SessionPolicy(accessTokenTtl, refreshTokenTtl, grace, checkReuse);
    }

    public SessionPolicy withCheckReuse(Duration reuse) {
        return new SessionPolicy(accessTokenTtl, refreshTokenTtl, reuseGrace, reuse);
    }
}
