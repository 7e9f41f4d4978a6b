package io.chatplatform.adapter.redis;

import io.chatplatform.domain.cache.CacheScope;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Invalidations that could not reach Redis, kept until they can: each scope once, at most
 * {@code limit} of them. Past the limit the individual scopes are dropped and replaced by one
 * promise to move the global epoch on, which makes every entry unreachable at once. Not
 * thread-safe: {@link InvalidationBacklog} guards it.
 */
final class PendingInvalidations {

    /** What a flush must do: move these scopes' generations on, and the epoch when {@code overflowed}. */
    record Batch(Set<CacheScope> scopes, boolean overflowed) {
        Batch {
            scopes = Set.copyOf(scopes);
        }

        int size() {
            return scopes.size();
        }
    }

    private final int limit;
    private Set<CacheScope> scopes = new LinkedHashSet<>();
    private boolean overflowed;

    PendingInvalidations(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit cannot be less than 1, was " + limit);
        }
        this.limit = limit;
    }

    /** Keeps the scopes; answers whether this call made the set overflow (it overflows once until taken). */
    boolean add(Set<CacheScope> more) {
        if (overflowed) {
            return false;
        }
        for (CacheScope scope : more) {
            if (scopes.size() >= limit && !scopes.contains(scope)) {
                overflowed = true;
                scopes = new LinkedHashSet<>();
                return true;
            }
            scopes.add(scope);
        }
        return false;
    }

    boolean isEmpty() {
        return scopes.isEmpty() && !overflowed;
    }

    int size() {
        return scopes.size();
    }

    boolean overflowed() {
        return overflowed;
    }

    /** Everything pending, leaving nothing behind. */
    Batch take() {
        Batch batch = new Batch(scopes, overflowed);
        scopes = new LinkedHashSet<>();
        overflowed = false;
        return batch;
    }

    /** Puts back a batch that could not be flushed. */
    void restore(Batch batch) {
        if (batch.overflowed()) {
            overflowed = true;
            scopes = new LinkedHashSet<>();
        } else {
            add(batch.scopes());
        }
    }
}
