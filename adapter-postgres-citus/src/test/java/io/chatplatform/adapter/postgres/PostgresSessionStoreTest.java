package io.chatplatform.adapter.postgres;

import static io.chatplatform.adapter.postgres.Fixtures.T0;
import static io.chatplatform.adapter.postgres.Fixtures.register;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatplatform.application.port.out.SessionStore;
import io.chatplatform.domain.session.RefreshTokenHash;
import io.chatplatform.domain.session.Session;
import io.chatplatform.domain.user.User;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The PostgreSQL session store beyond the contract (PostgresSessionStoreContractTest): what it keeps of spent tokens. */
@DisplayName("PostgresSessionStore")
class PostgresSessionStoreTest {

    @RegisterExtension
    static final FreshSchema db = new FreshSchema();

    private static final Duration TTL = Duration.ofDays(30);

    private final PostgresSessionStore sessions = db.database().sessions();

    private static RefreshTokenHash hash() {
        byte[] bytes = new byte[32];
        ThreadLocalRandom.current().nextBytes(bytes);
        return new RefreshTokenHash(HexFormat.of().formatHex(bytes));
    }

    private SessionStore.Rotation rotate(Session session, RefreshTokenHash presented, RefreshTokenHash next, Instant now) {
        return sessions.rotate(session.user(), session.id(), presented, next, now, now.plus(TTL));
    }

    private long spent(Session session) {
        return db.count("SELECT count(*) FROM session_spent_tokens WHERE user_id = ? AND session_id = ?",
                session.user().value(), session.id().value());
    }

    @Test
    @DisplayName("a rotation forgets the hashes spent longer ago than the refresh TTL; ending the session deletes the rest")
    void spent_hashes_are_bounded() {
        User alice = register(db.users(), "alice");
        RefreshTokenHash first = hash();
        RefreshTokenHash second = hash();
        RefreshTokenHash third = hash();
        RefreshTokenHash fourth = hash();
        Session session = sessions.create(new SessionStore.NewSession(alice.id(), first, T0, Optional.empty(), T0.plus(TTL)));
        rotate(session, first, second, T0.plus(Duration.ofHours(1)));
        rotate(session, second, third, T0.plus(Duration.ofHours(2)));
        assertThat(spent(session)).isEqualTo(2);

        Instant monthLater = T0.plus(TTL).plus(Duration.ofHours(1)).plusSeconds(1);
        assertThat(rotate(session, third, fourth, monthLater)).isInstanceOf(SessionStore.Rotated.class);

        assertThat(spent(session)).as("the first spent more than a TTL ago; the second within it; the third now").isEqualTo(2);
        assertThat(rotate(session, first, hash(), monthLater)).as("forgotten: its token expired long ago")
                .isEqualTo(new SessionStore.Unknown());
        assertThat(rotate(session, second, hash(), monthLater)).isEqualTo(new SessionStore.Spent(T0.plus(Duration.ofHours(2))));
        assertThat(sessions.end(alice.id(), session.id())).isTrue();
        assertThat(spent(session)).isZero();
    }

    @Test
    @DisplayName("ending every session of a user deletes their spent hashes too")
    void end_all_deletes_spent_hashes() {
        User alice = register(db.users(), "alice");
        RefreshTokenHash first = hash();
        Session session = sessions.create(new SessionStore.NewSession(alice.id(), first, T0, Optional.empty(), T0.plus(TTL)));
        rotate(session, first, hash(), T0.plusSeconds(60));

        assertThat(sessions.endAll(alice.id(), Optional.empty())).containsExactly(session.id());

        assertThat(spent(session)).isZero();
        assertThat(db.count("SELECT count(*) FROM sessions WHERE user_id = ?", alice.id().value())).isZero();
    }
}
