package io.chatplatform.application.inmemory;

import io.chatplatform.application.port.out.BlockStore;
import io.chatplatform.domain.block.BlockList;
import io.chatplatform.domain.user.UserId;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/** Blocks in memory: the reference for {@link BlockStore}'s contract. Thread-safe (one lock). */
public final class InMemoryBlockStore implements BlockStore {

    /** Who blocked whom, as (blocker, blocked) pairs. */
    private final Set<Pair> blocks = new HashSet<>();

    private record Pair(UserId blocker, UserId blocked) {
    }

    @Override
    public synchronized boolean block(UserId blocker, UserId blocked, Instant at) {
        if (blocker.equals(blocked)) {
            throw new IllegalArgumentException("nobody blocks themself");
        }
        return blocks.add(new Pair(blocker, blocked));
    }

    @Override
    public synchronized boolean unblock(UserId blocker, UserId blocked) {
        return blocks.remove(new Pair(blocker, blocked));
    }

    @Override
    public synchronized BlockList blocksOf(UserId user) {
        Set<UserId> blocked = new HashSet<>();
        Set<UserId> blockedBy = new HashSet<>();
        for (Pair pair : blocks) {
            if (pair.blocker().equals(user)) {
                blocked.add(pair.blocked());
            }
            if (pair.blocked().equals(user)) {
                blockedBy.add(pair.blocker());
            }
        }
        return new BlockList(user, blocked, blockedBy);
    }

    /** Forgets every block the user is part of, either side (the user's account was erased); the other sides. */
    synchronized Set<UserId> forget(UserId user) {
        Set<UserId> peers = new HashSet<>();
        blocks.removeIf(pair -> {
            boolean involved = pair.blocker().equals(user) || pair.blocked().equals(user);
            if (involved) {
                peers.add(pair.blocker().equals(user) ? pair.blocked() : pair.blocker());
            }
            return involved;
        });
        return peers;
    }
}
