package io.chatplatform.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatplatform.application.port.out.BlockStore;
import io.chatplatform.application.port.out.CreateUser;
import io.chatplatform.domain.block.BlockList;
import io.chatplatform.domain.user.Email;
import io.chatplatform.domain.user.PasswordHash;
import io.chatplatform.domain.user.UserId;
import io.chatplatform.domain.user.Username;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What every {@link BlockStore} must do, run against an implementation by extending this class:
 *
 * <pre>{@code
 * class MyBlockStoreContractTest extends BlockStoreContract {
 *     @Override
 *     protected CreateUser newUserStore() {
 *         return myUserStore;          // the users who block each other are created here first
 *     }
 *
 *     @Override
 *     protected BlockStore newBlockStore() {
 *         return new MyBlockStore(...);
 *     }
 * }
 * }</pre>
 *
 * <p>Every test works with users it creates, so the store may hold other tests' blocks.
 */
public abstract class BlockStoreContract {

    /** Where the tests create the users who block each other (a store may require that they exist). */
    protected abstract CreateUser newUserStore();

    /** The store under test; called once per test, after {@link #newUserStore()}. */
    protected abstract BlockStore newBlockStore();

    private static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");

    private final CreateUser users = newUserStore();
    private final BlockStore store = newBlockStore();
    private final String tag = "b" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50), 36);
    private int names;

    /** Constructs the test, asking for its stores. */
    protected BlockStoreContract() {
    }

    private UserId user() {
        String name = "user_" + tag + "_" + (++names);
        var created = users.create(new CreateUser.NewUser(Username.of(name), Email.of(name + "@example.com"),
                new PasswordHash("hash"), T0));
        return ((CreateUser.Created) created).user().id();
    }

    @Test
    @DisplayName("a user nobody blocked and who blocked nobody has an empty list")
    void empty() {
        UserId user = user();

        assertThat(store.blocksOf(user)).isEqualTo(BlockList.empty(user));
    }

    @Test
    @DisplayName("a block shows on both sides: the blocker's blocked, the blocked user's blocked-by; repeating it changes nothing")
    void both_sides() {
        UserId alice = user();
        UserId bob = user();
        UserId carol = user();

        assertThat(store.block(alice, bob, T0)).isTrue();
        assertThat(store.block(alice, bob, T0.plusSeconds(1))).as("already blocked").isFalse();

        assertThat(store.blocksOf(alice)).isEqualTo(new BlockList(alice, Set.of(bob), Set.of()));
        assertThat(store.blocksOf(bob)).isEqualTo(new BlockList(bob, Set.of(), Set.of(alice)));
        assertThat(store.blocksOf(carol).isEmpty()).isTrue();
    }

    @Test
    @DisplayName("two users may block each other; each block is its own")
    void both_directions() {
        UserId alice = user();
        UserId bob = user();

        store.block(alice, bob, T0);
        assertThat(store.block(bob, alice, T0.plusSeconds(1))).isTrue();

        assertThat(store.blocksOf(alice)).isEqualTo(new BlockList(alice, Set.of(bob), Set.of(bob)));
        assertThat(store.blocksOf(bob)).isEqualTo(new BlockList(bob, Set.of(alice), Set.of(alice)));
    }

    @Test
    @DisplayName("unblocking lifts one direction and keeps the other; unblocking again, or what was never blocked, says false")
    void unblock_one_way() {
        UserId alice = user();
        UserId bob = user();
        store.block(alice, bob, T0);
        store.block(bob, alice, T0);

        assertThat(store.unblock(alice, bob)).isTrue();
        assertThat(store.unblock(alice, bob)).isFalse();

        assertThat(store.blocksOf(alice)).isEqualTo(new BlockList(alice, Set.of(), Set.of(bob)));
        assertThat(store.blocksOf(bob)).isEqualTo(new BlockList(bob, Set.of(alice), Set.of()));

        assertThat(store.unblock(bob, alice)).isTrue();

        assertThat(store.blocksOf(alice).isEmpty()).isTrue();
        assertThat(store.blocksOf(bob).isEmpty()).isTrue();
        assertThat(store.unblock(bob, alice)).isFalse();
        assertThat(store.block(alice, bob, T0.plusSeconds(5))).as("a lifted block can be made again").isTrue();
        assertThat(store.blocksOf(bob)).isEqualTo(new BlockList(bob, Set.of(), Set.of(alice)));
    }

    @Test
    @DisplayName("one user's blocks of several users are kept apart")
    void several() {
        UserId alice = user();
        UserId bob = user();
        UserId carol = user();
        UserId dave = user();
        store.block(alice, bob, T0);
        store.block(alice, carol, T0);
        store.block(dave, alice, T0);

        store.unblock(alice, carol);

        assertThat(store.blocksOf(alice)).isEqualTo(new BlockList(alice, Set.of(bob), Set.of(dave)));
        assertThat(store.blocksOf(carol).isEmpty()).isTrue();
        assertThat(store.blocksOf(dave)).isEqualTo(new BlockList(dave, Set.of(alice), Set.of()));
    }

    @Test
    @DisplayName("nobody blocks themself")
    void not_self() {
        UserId alice = user();

        assertThatThrownBy(() -> store.block(alice, alice, T0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.blocksOf(alice).isEmpty()).isTrue();
    }

    @Test
    @DisplayName("two users blocking and unblocking each other at once leave both sides agreeing")
    void concurrent() throws Exception {
        UserId alice = user();
        UserId bob = user();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> toggles = new ArrayList<>();
            for (UserId[] pair : new UserId[][] {{alice, bob}, {bob, alice}}) {
                toggles.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 40; i++) {
                        store.block(pair[0], pair[1], T0.plusSeconds(i));
                        store.unblock(pair[0], pair[1]);
                    }
                    // each ends blocking the other
                    return store.block(pair[0], pair[1], T0.plusSeconds(100));
                }));
            }
            start.countDown();
            for (Future<?> toggle : toggles) {
                assertThat(toggle.get()).isEqualTo(true);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(store.blocksOf(alice)).isEqualTo(new BlockList(alice, Set.of(bob), Set.of(bob)));
        assertThat(store.blocksOf(bob)).isEqualTo(new BlockList(bob, Set.of(alice), Set.of(alice)));
        store.unblock(alice, bob);
        assertThat(store.blocksOf(bob)).isEqualTo(new BlockList(bob, Set.of(alice), Set.of()));
    }
}
