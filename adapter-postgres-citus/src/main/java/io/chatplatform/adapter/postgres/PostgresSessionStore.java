package io.chatplatform.adapter.postgres;

import io.chatplatform.application.port.out.SessionStore;
import io.chatplatform.domain.session.RefreshTokenHash;
import io.chatplatform.domain.session.Session;
import io.chatplatform.domain.session.SessionId;
import io.chatplatform.domain.session.UserAgent;
import io.chatplatform.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Login sessions in PostgreSQL ({@link SessionStore}). A session and its spent refresh-token
 * hashes live on its user's shard (distributed by {@code user_id}, colocated with {@code users}),
 * so every call is a single-shard query or a transaction on one shard, found by the user's id,
 * which the refresh token and the access token carry.
 *
 * <p>A rotation locks the session row ({@link Sql#SESSION_FOR_ROTATION}) and then swaps the hash
 * with a compare-and-set: of two rotations presenting the same token, the second waits for the
 * first and then finds the hash it presented among the spent ones.
 *
 * <p>Obtained from {@link PostgresDatabase#sessions()}. Thread-safe. Connection failures surface as
 * {@link io.chatplatform.application.port.out.StoreUnavailableException}.
 */
public final class PostgresSessionStore implements SessionStore {

    private final Jdbi jdbi;

    PostgresSessionStore(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public Session create(NewSession session) {
        Objects.requireNonNull(session, "session");
        return Failures.guard(() -> jdbi.inTransaction(handle -> {
            handle.createUpdate(Sql.PRUNE_EXPIRED_SESSIONS)
                    .bind("userId", session.user().value())
                    .bind("now", session.createdAt())
                    .execute();
            return handle.createQuery(Sql.INSERT_SESSION)
                    .bind("userId", session.user().value())
                    .bind("refreshHash", session.refresh().hex())
                    .bind("createdAt", session.createdAt())
                    .bindByType("userAgent", session.userAgent().map(UserAgent::value).orElse(null), String.class)
                    .bind("refreshExpiresAt", session.refreshExpiresAt())
                    .mapTo(SessionRow.class)
                    .one()
                    .toDomain();
        }));
    }

    @Override
    public Rotation rotate(UserId user, SessionId session, RefreshTokenHash presented, RefreshTokenHash next, Instant now,
                           Instant nextExpiresAt) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(presented, "presented");
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(nextExpiresAt, "nextExpiresAt");
        return Failures.guard(() -> jdbi.inTransaction(handle -> {
            Optional<Current> current = handle.createQuery(Sql.SESSION_FOR_ROTATION)
                    .bind("userId", user.value())
                    .bind("sessionId", session.value())
                    .map((rs, ctx) -> new Current(rs.getString("refresh_hash"), SessionRow.MAPPER.map(rs, ctx).toDomain()))
                    .findOne();
            if (current.isEmpty()) {
                return new Unknown();
            }
            if (!current.get().hash().equals(presented.hex())) {
                return handle.createQuery(Sql.SPENT_AT)
                        .bind("userId", user.value())
                        .bind("sessionId", session.value())
                        .bind("tokenHash", presented.hex())
                        .map((rs, ctx) -> Rows.instant(rs, "spent_at"))
                        .findOne()
                        .<Rotation>map(Spent::new)
                        .orElseGet(Unknown::new);
            }
            if (!current.get().session().refreshableAt(now)) {
                return new Expired();
            }
            return rotate(handle, user, session, presented, next, now, nextExpiresAt);
        }));
    }

    /** The session row with its current hash, as a rotation reads it under the lock. */
    private record Current(String hash, Session session) {
    }

    private static Rotation rotate(Handle handle, UserId user, SessionId session, RefreshTokenHash presented,
                                   RefreshTokenHash next, Instant now, Instant nextExpiresAt) {
        // A hash spent more than a refresh TTL ago belonged to a token issued before it was spent, so
        // that token has expired: nothing is lost by forgetting it. The TTL is the span this rotation
        // gives the next token (the store is not told the policy). This keeps a session's spent hashes
        // to those of one TTL, however often it refreshes.
        Duration ttl = Duration.between(now, nextExpiresAt);
        Instant pruneBefore = now.minus(ttl.isNegative() ? Duration.ZERO : ttl);
        handle.createUpdate(Sql.PRUNE_SPENT_TOKENS)
                .bind("userId", user.value())
                .bind("sessionId", session.value())
                .bind("before", pruneBefore)
                .execute();
        handle.createUpdate(Sql.INSERT_SPENT_TOKEN)
                .bind("userId", user.value())
                .bind("sessionId", session.value())
                .bind("tokenHash", presented.hex())
                .bind("spentAt", now)
                .execute();
        Session rotated = handle.createQuery(Sql.ROTATE_SESSION)
                .bind("next", next.hex())
                .bind("now", now)
                .bind("nextExpiresAt", nextExpiresAt)
                .bind("userId", user.value())
                .bind("sessionId", session.value())
                .bind("presented", presented.hex())
                .mapTo(SessionRow.class)
                .findOne()
                .orElseThrow(() -> new IllegalStateException("the locked session " + session + " changed its hash"))
                .toDomain();
        return new Rotated(rotated);
    }

    @Override
    public boolean isActive(UserId user, SessionId session) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(session, "session");
        return Failures.guard(() -> jdbi.withHandle(handle -> handle.createQuery(Sql.SESSION_EXISTS)
                .bind("userId", user.value())
                .bind("sessionId", session.value())
                .mapTo(Long.class)
                .findOne()
                .isPresent()));
    }

    @Override
    public List<Session> list(UserId user) {
        Objects.requireNonNull(user, "user");
        return Failures.guard(() -> jdbi.withHandle(handle -> handle.createQuery(Sql.LIST_SESSIONS)
                .bind("userId", user.value())
                .mapTo(SessionRow.class)
                .map(SessionRow::toDomain)
                .list()));
    }

    @Override
    public boolean end(UserId user, SessionId session) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(session, "session");
        return Failures.guard(() -> jdbi.withHandle(handle -> handle.createUpdate(Sql.END_SESSION)
                .bind("userId", user.value())
                .bind("sessionId", session.value())
                .execute() == 1));
    }

    @Override
    public Set<SessionId> endAll(UserId user, Optional<SessionId> keep) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(keep, "keep");
        return Failures.guard(() -> jdbi.withHandle(handle -> endAll(handle, user, keep)));
    }

    /** Ends the user's sessions but {@code keep} inside a caller's handle (the account erasure's transaction too). */
    static Set<SessionId> endAll(Handle handle, UserId user, Optional<SessionId> keep) {
        return new HashSet<>(handle.createQuery(Sql.END_SESSIONS_BUT)
                .bind("userId", user.value())
                // ids are positive: 0 keeps none
                .bind("keep", keep.map(SessionId::value).orElse(0L))
                .mapTo(Long.class)
                .map(SessionId::of)
                .list());
    }
}
