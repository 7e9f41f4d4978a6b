package io.chatplatform.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatplatform.application.port.out.CreateUser;
import io.chatplatform.application.port.out.SessionStore;
import io.chatplatform.application.port.out.SessionStore.NewSession;
import io.chatplatform.application.port.out.SessionStore.Rotation;
import io.chatplatform.domain.session.RefreshTokenHash;
import io.chatplatform.domain.session.Session;
import io.chatplatform.domain.session.SessionId;
import io.chatplatform.domain.session.UserAgent;
import io.chatplatform.domain.user.Email;
import io.chatplatform.domain.user.PasswordHash;
import io.chatplatform.domain.user.User;
import io.chatplatform.domain.user.UserId;
import io.chatplatform.domain.user.Username;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SessionStore} must do, run against an implementation by extending this class:
 *
 * <pre>{@code
 * class MySessionStoreContractTest extends SessionStoreContract {
 *     @Override
 *     protected CreateUser newUserStore() {
 *         return myUserStore;          // the sessions' users are created here first
 *     }
 *
 *     @Override
 *     protected SessionStore newSessionStore() {
 *         return new MySessionStore(...);
 *     }
 * }
 * }</pre>
 *
 * <p>Every test works with users it creates, so the store may hold other tests' sessions.
 */
public abstract class SessionStoreContract {

    /** Where the tests create the users whose sessions they store (a store may require that they exist). */
    protected abstract CreateUser newUserStore();

    /** The store under test; called once per test, after {@link #newUserStore()}. */
    protected abstract SessionStore newSessionStore();

    private static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");
    private static final Duration TTL = Duration.ofDays(30);
    /** An id no store hands out in a test run. */
    private static final SessionId UNKNOWN = SessionId.of(9_000_000_000_000L);

    private final CreateUser users = newUserStore();
    private final SessionStore store = newSessionStore();
    private final String tag = "s" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50), 36);
    private int names;

    /** Constructs the test, asking for its stores. */
    protected SessionStoreContract() {
    }

    private UserId user() {
        String name = "user_" + tag + "_" + (++names);
        var created = users.create(new CreateUser.NewUser(Username.of(name), Email.of(name + "@example.com"),
                new PasswordHash("hash"), T0));
        return ((CreateUser.Created) created).user().id();
    }

    private static RefreshTokenHash hash() {
        byte[] bytes = new byte[32];
        ThreadLocalRandom.current().nextBytes(bytes);
        return new RefreshTokenHash(HexFormat.of().formatHex(bytes));
    }

    private static Instant at(Duration after) {
        return T0.plus(after);
    }

    private Session create(UserId user, RefreshTokenHash refresh, Instant at) {
        return store.create(new NewSession(user, refresh, at, Optional.empty(), at.plus(TTL)));
    }

    private Rotation rotate(Session session, RefreshTokenHash presented, RefreshTokenHash next, Instant now) {
        return store.rotate(session.user(), session.id(), presented, next, now, now.plus(TTL));
    }

    @Test
    @DisplayName("a new session has an id of its own, was last used at its creation, and is listed and active")
    void creates() {
        UserId user = user();
        Optional<UserAgent> agent = UserAgent.fromHeader("Mozilla/5.0 (X11; Linux) — Firefox/133 ✓");

        Session session = store.create(new NewSession(user, hash(), T0, agent, T0.plus(TTL)));
        Session other = store.create(new NewSession(user, hash(), T0, Optional.empty(), T0.plus(TTL)));

        assertThat(session.user()).isEqualTo(user);
        assertThat(session.createdAt()).isEqualTo(T0);
        assertThat(session.lastUsedAt()).isEqualTo(T0);
        assertThat(session.userAgent()).isEqualTo(agent);
        assertThat(session.refreshExpiresAt()).isEqualTo(T0.plus(TTL));
        assertThat(other.id()).isNotEqualTo(session.id());
        assertThat(other.userAgent()).isEmpty();
        assertThat(store.list(user)).containsExactlyInAnyOrder(session, other);
        assertThat(store.isActive(user, session.id())).isTrue();
        assertThat(store.isActive(user, other.id())).isTrue();
    }

    @Test
    @DisplayName("a session belongs to its user: another user's id neither finds, rotates nor ends it")
    void belongs_to_its_user() {
        UserId owner = user();
        UserId stranger = user();
        RefreshTokenHash refresh = hash();
        Session session = create(owner, refresh, T0);

        assertThat(store.isActive(stranger, session.id())).isFalse();
        assertThat(store.rotate(stranger, session.id(), refresh, hash(), at(Duration.ofMinutes(1)),
                at(Duration.ofMinutes(1)).plus(TTL))).isEqualTo(new SessionStore.Unknown());
        assertThat(store.end(stranger, session.id())).isFalse();
        assertThat(store.endAll(stranger, Optional.empty())).isEmpty();
        assertThat(store.list(stranger)).isEmpty();
        assertThat(store.list(owner)).containsExactly(session);
        assertThat(store.isActive(owner, UNKNOWN)).isFalse();
    }

    @Test
    @DisplayName("a rotation makes the next token current, moves the expiry and the last use; the presented one is spent")
    void rotates() {
        UserId user = user();
        RefreshTokenHash first = hash();
        RefreshTokenHash second = hash();
        RefreshTokenHash third = hash();
        Session session = create(user, first, T0);
        Instant later = at(Duration.ofHours(2));

        Rotation rotation = rotate(session, first, second, later);

        assertThat(rotation).isInstanceOf(SessionStore.Rotated.class);
        Session rotated = ((SessionStore.Rotated) rotation).session();
        assertThat(rotated.id()).isEqualTo(session.id());
        assertThat(rotated.createdAt()).isEqualTo(T0);
        assertThat(rotated.lastUsedAt()).isEqualTo(later);
        assertThat(rotated.refreshExpiresAt()).isEqualTo(later.plus(TTL));
        assertThat(store.list(user)).containsExactly(rotated);
        assertThat(rotate(session, first, third, at(Duration.ofHours(3)))).as("the spent token again")
                .isEqualTo(new SessionStore.Spent(later));
        assertThat(rotate(session, hash(), third, at(Duration.ofHours(3)))).as("a token never issued")
                .isEqualTo(new SessionStore.Unknown());
        assertThat(rotate(session, second, third, at(Duration.ofHours(4)))).isInstanceOf(SessionStore.Rotated.class);
        assertThat(rotate(session, second, hash(), at(Duration.ofHours(5)))).as("each spent token keeps its time")
                .isEqualTo(new SessionStore.Spent(at(Duration.ofHours(4))));
        assertThat(rotate(session, first, hash(), at(Duration.ofHours(5)))).isEqualTo(new SessionStore.Spent(later));
    }

    @Test
    @DisplayName("a current token that expired is refused as expired, and nothing changes")
    void expired() {
        UserId user = user();
        RefreshTokenHash refresh = hash();
        Session session = store.create(new NewSession(user, refresh, T0, Optional.empty(), at(Duration.ofHours(1))));

        assertThat(rotate(session, refresh, hash(), at(Duration.ofHours(1)))).isEqualTo(new SessionStore.Expired());
        assertThat(rotate(session, refresh, hash(), at(Duration.ofDays(2)))).isEqualTo(new SessionStore.Expired());
        assertThat(store.list(user)).containsExactly(session);
        assertThat(rotate(session, refresh, hash(), at(Duration.ofMinutes(59))))
                .as("still current: the refusals changed nothing").isInstanceOf(SessionStore.Rotated.class);
    }

    @Test
    @DisplayName("of concurrent rotations presenting the same token, exactly one succeeds; the others find it spent")
    void concurrent_rotations() throws Exception {
        UserId user = user();
        int threads = 6;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 5; round++) {
                RefreshTokenHash presented = hash();
                Session session = create(user, presented, T0);
                Instant now = at(Duration.ofMinutes(10 + round));
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Rotation>> rotations = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    RefreshTokenHash next = hash();
                    rotations.add(pool.submit(() -> {
                        start.await();
                        return rotate(session, presented, next, now);
                    }));
                }
                start.countDown();
                List<Rotation> outcomes = new ArrayList<>();
                for (Future<Rotation> rotation : rotations) {
                    outcomes.add(rotation.get());
                }

                assertThat(outcomes).filteredOn(SessionStore.Rotated.class::isInstance).hasSize(1);
                assertThat(outcomes).filteredOn(outcome -> !(outcome instanceof SessionStore.Rotated))
                        .hasSize(threads - 1).containsOnly(new SessionStore.Spent(now));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("the list shows the most recently used session first")
    void most_recently_used_first() {
        UserId user = user();
        RefreshTokenHash oldest = hash();
        Session first = create(user, oldest, T0);
        Session second = create(user, hash(), at(Duration.ofMinutes(1)));
        Session third = create(user, hash(), at(Duration.ofMinutes(2)));

        assertThat(store.list(user)).extracting(Session::id).containsExactly(third.id(), second.id(), first.id());

        rotate(first, oldest, hash(), at(Duration.ofMinutes(3)));

        assertThat(store.list(user)).extracting(Session::id).containsExactly(first.id(), third.id(), second.id());
    }

    @Test
    @DisplayName("ending a session deletes it: not active, not listed, its tokens unknown; ending it again says so")
    void ends() {
        UserId user = user();
        RefreshTokenHash first = hash();
        RefreshTokenHash second = hash();
        Session session = create(user, first, T0);
        Session other = create(user, hash(), T0);
        rotate(session, first, second, at(Duration.ofMinutes(1)));

        assertThat(store.end(user, session.id())).isTrue();

        assertThat(store.end(user, session.id())).isFalse();
        assertThat(store.isActive(user, session.id())).isFalse();
        assertThat(store.list(user)).extracting(Session::id).containsExactly(other.id());
        assertThat(rotate(session, second, hash(), at(Duration.ofMinutes(2)))).isEqualTo(new SessionStore.Unknown());
        assertThat(rotate(session, first, hash(), at(Duration.ofMinutes(2)))).as("its spent tokens went with it")
                .isEqualTo(new SessionStore.Unknown());
        assertThat(store.end(user, UNKNOWN)).isFalse();
    }

    @Test
    @DisplayName("ending all sessions but one ends exactly the others, and says which; other users' stay")
    void ends_all_but_one() {
        UserId user = user();
        UserId neighbour = user();
        Session kept = create(user, hash(), T0);
        Session second = create(user, hash(), T0);
        Session third = create(user, hash(), T0);
        Session theirs = create(neighbour, hash(), T0);

        Set<SessionId> ended = store.endAll(user, Optional.of(kept.id()));

        assertThat(ended).containsExactlyInAnyOrder(second.id(), third.id());
        assertThat(store.list(user)).extracting(Session::id).containsExactly(kept.id());
        assertThat(store.isActive(user, second.id())).isFalse();
        assertThat(store.endAll(user, Optional.of(kept.id()))).isEmpty();
        assertThat(store.endAll(user, Optional.of(UNKNOWN))).containsExactly(kept.id());
        assertThat(store.endAll(user, Optional.empty())).isEmpty();
        assertThat(store.list(user)).isEmpty();
        assertThat(store.list(neighbour)).containsExactly(theirs);
        assertThat(store.isActive(neighbour, theirs.id())).isTrue();
    }

    @Test
    @DisplayName("creating a session removes the user's sessions whose refresh token expired by then, and only those")
    void prunes_expired_on_create() {
        UserId user = user();
        UserId neighbour = user();
        Session expiredEarlier = store.create(new NewSession(user, hash(), T0, Optional.empty(), at(Duration.ofDays(1))));
        Session expiringNow = store.create(new NewSession(user, hash(), T0, Optional.empty(), at(Duration.ofDays(2))));
        RefreshTokenHash kept = hash();
        Session refreshed = store.create(new NewSession(user, kept, T0, Optional.empty(), at(Duration.ofDays(1))));
        rotate(refreshed, kept, hash(), at(Duration.ofHours(12)));
        Session theirs = store.create(new NewSession(neighbour, hash(), T0, Optional.empty(), at(Duration.ofDays(1))));

        Session created = create(user, hash(), at(Duration.ofDays(2)));

        assertThat(store.list(user)).extracting(Session::id).containsExactlyInAnyOrder(created.id(), refreshed.id());
        assertThat(store.isActive(user, expiredEarlier.id())).isFalse();
        assertThat(store.isActive(user, expiringNow.id())).isFalse();
        assertThat(store.list(neighbour)).as("another user's expired session waits for their next login")
                .containsExactly(theirs);
    }
}
