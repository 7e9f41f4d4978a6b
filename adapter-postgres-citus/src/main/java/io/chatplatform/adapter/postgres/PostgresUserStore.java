package io.chatplatform.adapter.postgres;

import io.chatplatform.application.port.out.CreateUser;
import io.chatplatform.application.port.out.FindUsers;
import io.chatplatform.application.port.out.LoadUser;
import io.chatplatform.application.port.out.UpdateUser;
import io.chatplatform.domain.user.FieldUpdate;
import io.chatplatform.domain.user.PasswordHash;
import io.chatplatform.domain.user.ProfileUpdate;
import io.chatplatform.domain.user.SearchTerm;
import io.chatplatform.domain.user.User;
import io.chatplatform.domain.user.UserId;
import io.chatplatform.domain.user.Username;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.Query;

/**
 * Accounts in PostgreSQL. Usernames and emails are unique across shards through the
 * {@code usernames} and {@code emails} lookup tables, written in the same transaction as the
 * user; lookups by id and by username are single-shard queries, searches fan out but are bounded.
 *
 * <p>A deleted account ({@link PostgresAccountErasure}) keeps a scrubbed {@code users} row until its
 * erasure ends; no read here returns it, and no update changes it. Its handles stay taken until
 * their {@code free_at}; a registration after that takes them over.
 *
 * <p>Obtained from {@link PostgresDatabase#users()}. Thread-safe. Connection failures surface as
 * {@link io.chatplatform.application.port.out.StoreUnavailableException}.
 */
public final class PostgresUserStore implements CreateUser, LoadUser, UpdateUser, FindUsers {

    private final Jdbi jdbi;

    PostgresUserStore(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public Outcome create(NewUser user) {
        Objects.requireNonNull(user, "user");
        return Failures.guard(() -> {
            try {
                return jdbi.inTransaction(handle -> new Created(insert(handle, user)));
            } catch (AlreadyClaimed e) {
                // the transaction rolled back whole: no orphan username or email row
                return new Taken();
            }
        });
    }

    private static User insert(Handle handle, NewUser user) {
        long id = handle.createQuery(Sql.NEXT_USER_ID).mapTo(Long.class).one();
        claim(handle, Sql.CLAIM_USERNAME, user.username().canonical(), id, user.createdAt());
        claim(handle, Sql.CLAIM_EMAIL, user.email().canonical(), id, user.createdAt());
        return handle.createQuery(Sql.INSERT_USER)
                .bind("id", id)
                .bind("username", user.username().value())
                .bind("email", user.email().value())
                .bind("passwordHash", user.passwordHash().value())
                .bind("createdAt", user.createdAt())
                .mapTo(UserRow.class)
                .one()
                .toDomain();
    }

    /**
     * Claims a handle in its lookup table (whose primary key is the canonical handle): a new row, or
     * the row of a deleted account whose retention ended by {@code now}. No row written means taken.
     */
    private static void claim(Handle handle, String sql, String canonical, long id, Instant now) {
        int written;
        try {
            written = handle.createUpdate(sql).bind("canonical", canonical).bind("id", id).bind("now", now).execute();
        } catch (JdbiException e) {
            if (Failures.isUniqueViolation(e)) {
                throw new AlreadyClaimed();
            }
            throw e;
        }
        if (written == 0) {
            throw new AlreadyClaimed();
        }
    }

    /** Unwinds the registration transaction when a username or email is taken. */
    private static final class AlreadyClaimed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        AlreadyClaimed() {
            super("username or email taken", null, false, false);
        }
    }

    @Override
    public Optional<User> byId(UserId id) {
        Objects.requireNonNull(id, "id");
        return Failures.guard(() -> jdbi.withHandle(handle -> userById(handle, id.value())));
    }

    @Override
    public Optional<User> byUsername(Username username) {
        Objects.requireNonNull(username, "username");
        // two single-shard queries: the lookup row gives the id, the id gives the user
        return Failures.guard(() -> jdbi.withHandle(handle -> handle.createQuery(Sql.USER_ID_BY_USERNAME)
                .bind("canonical", username.canonical())
                .mapTo(Long.class)
                .findOne()
                .flatMap(id -> userById(handle, id))));
    }

    private static Optional<User> userById(Handle handle, long id) {
        return handle.createQuery(Sql.USER_BY_ID)
                .bind("id", id)
                .mapTo(UserRow.class)
                .findOne()
                .map(UserRow::toDomain);
    }

    @Override
    public Optional<User> updateProfile(UserId id, ProfileUpdate update) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(update, "update");
        return Failures.guard(() -> jdbi.withHandle(handle -> {
            var statement = handle.createQuery(Sql.UPDATE_PROFILE).bind("id", id.value());
            bindField(statement, "DisplayName", "displayName", update.displayName(), name -> name.value());
            bindField(statement, "AvatarUrl", "avatarUrl", update.avatarUrl(), url -> url.value());
            bindField(statement, "Timezone", "timezone", update.timezone(), zone -> zone.value());
            return statement.mapTo(UserRow.class).findOne().map(UserRow::toDomain);
        }));
    }

    private static <T> void bindField(Query statement, String flagSuffix, String name,
                                      FieldUpdate<T> update, Function<T, String> column) {
        statement.bind("keep" + flagSuffix, update.isKeep());
        String value = update instanceof FieldUpdate.Set<T> set ? column.apply(set.value()) : null;
        statement.bindByType(name, value, String.class);
    }

    @Override
    public boolean replacePasswordHash(UserId id, PasswordHash expected, PasswordHash replacement) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(replacement, "replacement");
        return Failures.guard(() -> jdbi.withHandle(handle -> handle.createUpdate(Sql.REPLACE_PASSWORD_HASH)
                .bind("id", id.value())
                .bind("expected", expected.value())
                .bind("replacement", replacement.value())
                .execute() == 1));
    }

    @Override
    public void recordLastSeen(UserId id, Instant at) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        Failures.guardRun(() -> jdbi.useHandle(handle -> handle.createUpdate(Sql.RECORD_LAST_SEEN)
                .bind("id", id.value())
                .bind("at", at)
                .execute()));
    }

    @Override
    public List<DirectoryEntry> search(SearchTerm term, UserId excluded, int limit) {
        Objects.requireNonNull(term, "term");
        Objects.requireNonNull(excluded, "excluded");
        requireLimit(limit);
        String literal = escapeLike(term.value());
        return Failures.guard(() -> jdbi.withHandle(handle -> handle.createQuery(Sql.SEARCH_USERS)
                .bind("excluded", excluded.value())
                .bind("term", term.value())
                .bind("contains", "%" + literal + "%")
                .bind("prefix", literal + "%")
                .bind("limit", limit)
                .mapTo(DirectoryRow.class)
                .map(DirectoryRow::toDomain)
                .list()));
    }

    @Override
    public List<DirectoryEntry> byIds(Collection<UserId> ids) {
        Objects.requireNonNull(ids, "ids");
        if (ids.isEmpty()) {
            return List.of();
        }
        Long[] values = ids.stream().map(UserId::value).distinct().toArray(Long[]::new);
        return Failures.guard(() -> jdbi.withHandle(handle -> handle.createQuery(Sql.USERS_BY_IDS)
                .bindArray("ids", Long.class, (Object[]) values)
                .mapTo(DirectoryRow.class)
                .map(DirectoryRow::toDomain)
                .list()));
    }

    /** Makes {@code %}, {@code _} and {@code !} match themselves in a LIKE pattern with {@code ESCAPE '!'}. */
    static String escapeLike(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    static void requireLimit(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit cannot be negative, was " + limit);
        }
    }
}
