package io.chatplatform.adapter.postgres;

import io.chatplatform.application.port.out.BlockStore;
import io.chatplatform.domain.block.BlockList;
import io.chatplatform.domain.user.UserId;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Blocks in PostgreSQL ({@link BlockStore}). Each block is kept on both users' sides, each side on
 * its user's shard ({@code user_blocks}, distributed by {@code user_id}), so that
 * {@link #blocksOf} is one single-shard query answering both directions. Blocking and unblocking
 * write both sides in one transaction, the lower user id's row first: two transactions on one
 * pair (A blocks B while B blocks A) lock the rows in the same order and cannot deadlock.
 *
 * <p>Obtained from {@link PostgresDatabase#blocks()}. Thread-safe. Connection failures surface as
 * {@link io.chatplatform.application.port.out.StoreUnavailableException}.
 */
public final class PostgresBlockStore implements BlockStore {

    private final Jdbi jdbi;

    PostgresBlockStore(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public boolean block(UserId blocker, UserId blocked, Instant at) {
        Objects.requireNonNull(blocker, "blocker");
        Objects.requireNonNull(blocked, "blocked");
        Objects.requireNonNull(at, "at");
        requireTwo(blocker, blocked);
        return Failures.guard(() -> jdbi.inTransaction(handle -> {
            boolean[] changed = new boolean[1];
            Runnable blockerSide = () -> changed[0] = side(handle, Sql.RECORD_BLOCK, blocker, blocked, at) == 1;
            Runnable blockedSide = () -> side(handle, Sql.RECORD_BLOCKED_BY, blocked, blocker, at);
            inPairOrder(blocker, blocked, blockerSide, blockedSide);
            return changed[0];
        }));
    }

    @Override
    public boolean unblock(UserId blocker, UserId blocked) {
        Objects.requireNonNull(blocker, "blocker");
        Objects.requireNonNull(blocked, "blocked");
        requireTwo(blocker, blocked);
        return Failures.guard(() -> jdbi.inTransaction(handle -> {
            boolean[] changed = new boolean[1];
            Runnable blockerSide = () -> changed[0] = lift(handle, Sql.LIFT_BLOCK, blocker, blocked);
            Runnable blockedSide = () -> lift(handle, Sql.LIFT_BLOCKED_BY, blocked, blocker);
            inPairOrder(blocker, blocked, blockerSide, blockedSide);
            return changed[0];
        }));
    }

    @Override
    public BlockList blocksOf(UserId user) {
        Objects.requireNonNull(user, "user");
        return Failures.guard(() -> jdbi.withHandle(handle -> {
            Set<UserId> blocked = new HashSet<>();
            Set<UserId> blockedBy = new HashSet<>();
            handle.createQuery(Sql.BLOCKS_OF)
                    .bind("userId", user.value())
                    .map((rs, ctx) -> {
                        UserId other = UserId.of(rs.getLong("other_user_id"));
                        if (rs.getBoolean("i_blocked")) {
                            blocked.add(other);
                        }
                        if (rs.getBoolean("they_blocked")) {
                            blockedBy.add(other);
                        }
                        return other;
                    })
                    .list();
            return new BlockList(user, blocked, blockedBy);
        }));
    }

    /**
     * Removes every block the user has, both sides, inside a caller's transaction (an account's
     * deletion); the users on the other sides. Each pair's rows go in the pair's lock order, as in
     * {@link #block}, so that a block being written at the same time cannot deadlock with it.
     */
    static Set<UserId> forgetAll(Handle handle, UserId user) {
        List<Long> others = handle.createQuery(Sql.BLOCK_PEERS)
                .bind("userId", user.value())
                .mapTo(Long.class)
                .list();
        Set<UserId> peers = new HashSet<>();
        for (long id : others) {
            UserId other = UserId.of(id);
            inPairOrder(user, other, () -> forget(handle, user, other), () -> forget(handle, other, user));
            peers.add(other);
        }
        return peers;
    }

    private static void forget(Handle handle, UserId owner, UserId other) {
        handle.createUpdate(Sql.FORGET_BLOCK)
                .bind("userId", owner.value())
                .bind("otherUserId", other.value())
                .execute();
    }

    /** Runs the two sides' writes, the lower user id's first. */
    private static void inPairOrder(UserId first, UserId second, Runnable firstSide, Runnable secondSide) {
        if (first.value() < second.value()) {
            firstSide.run();
            secondSide.run();
        } else {
            secondSide.run();
            firstSide.run();
        }
    }

    private static int side(Handle handle, String sql, UserId owner, UserId other, Instant at) {
        return handle.createUpdate(sql)
                .bind("userId", owner.value())
                .bind("otherUserId", other.value())
                .bind("at", at)
                .execute();
    }

    /** Clears one flag of one side; the row goes when it blocks nothing either way any more. Whether the flag was set. */
    private static boolean lift(Handle handle, String sql, UserId owner, UserId other) {
        boolean lifted = handle.createUpdate(sql)
                .bind("userId", owner.value())
                .bind("otherUserId", other.value())
                .execute() == 1;
        if (lifted) {
            handle.createUpdate(Sql.DELETE_EMPTY_BLOCK)
                    .bind("userId", owner.value())
                    .bind("otherUserId", other.value())
                    .execute();
        }
        return lifted;
    }

    private static void requireTwo(UserId blocker, UserId blocked) {
        if (blocker.equals(blocked)) {
            throw new IllegalArgumentException("nobody blocks themself");
        }
    }
}
