package io.chatplatform.adapter.postgres;

import static io.chatplatform.adapter.postgres.Fixtures.T0;
import static io.chatplatform.adapter.postgres.Fixtures.register;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatplatform.domain.user.User;
import io.chatplatform.domain.user.UserId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The PostgreSQL block store beyond the contract (PostgresBlockStoreContractTest): its rows. */
@DisplayName("PostgresBlockStore")
class PostgresBlockStoreTest {

    @RegisterExtension
    static final FreshSchema db = new FreshSchema();

    private final PostgresBlockStore blocks = db.database().blocks();

    private long rows(User owner, User other, String flags) {
        return db.count("SELECT count(*) FROM user_blocks WHERE user_id = ? AND other_user_id = ? AND " + flags,
                owner.id().value(), other.id().value());
    }

    @Test
    @DisplayName("a block is a row on each side; a side whose flags are both cleared is deleted")
    void rows_on_both_sides() {
        User alice = register(db.users(), "alice");
        User bob = register(db.users(), "bob");

        blocks.block(alice.id(), bob.id(), T0);
        blocks.block(bob.id(), alice.id(), T0);

        assertThat(rows(alice, bob, "i_blocked AND they_blocked")).isOne();
        assertThat(rows(bob, alice, "i_blocked AND they_blocked")).isOne();

        blocks.unblock(alice.id(), bob.id());

        assertThat(rows(alice, bob, "NOT i_blocked AND they_blocked")).isOne();
        assertThat(rows(bob, alice, "i_blocked AND NOT they_blocked")).isOne();

        blocks.unblock(bob.id(), alice.id());

        assertThat(rows(alice, bob, "true")).isZero();
        assertThat(rows(bob, alice, "true")).isZero();
    }

    @Test
    @DisplayName("blocking a user who does not exist fails and writes neither side")
    void unknown_user() {
        User alice = register(db.users(), "alice");
        UserId nobody = UserId.of(9_000_000_000_000L);

        assertThatThrownBy(() -> blocks.block(alice.id(), nobody, T0)).isInstanceOf(RuntimeException.class);

        assertThat(blocks.blocksOf(alice.id()).isEmpty()).isTrue();
        assertThat(db.count("SELECT count(*) FROM user_blocks WHERE user_id = ?", alice.id().value())).isZero();
    }
}
