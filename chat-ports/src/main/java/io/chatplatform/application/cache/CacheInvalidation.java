package io.chatplatform.application.cache;

import io.chatplatform.application.port.out.CacheStore;
import io.chatplatform.application.port.out.EventPublisher;
import io.chatplatform.domain.cache.CacheScope;
import io.chatplatform.domain.cache.InvalidationPolicy;
import io.chatplatform.domain.event.DomainEvent;
import java.util.Objects;
import java.util.Set;

/**
 * Executes the domain's {@link InvalidationPolicy} on the cache for every committed change. It
 * runs before the writer's response is sent, so that a client that got its answer reads its own
 * write.
 */
final class CacheInvalidation implements EventPublisher {

    private final CacheStore store;

    CacheInvalidation(CacheStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public void publish(DomainEvent event) {
        Set<CacheScope> stale = InvalidationPolicy.staleAfter(event);
        if (!stale.isEmpty()) {
            store.invalidate(stale);
        }
    }
}
