package io.chatplatform.application.cache;

import io.chatplatform.application.port.out.CacheKey;
import io.chatplatform.application.port.out.LoadUser;
import io.chatplatform.domain.user.Account;
import io.chatplatform.domain.user.User;
import io.chatplatform.domain.user.UserId;
import io.chatplatform.domain.user.Username;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * User reads through the cache. Accounts are cached without credentials; a read that needs the
 * password hash ({@link #byId}) always goes to the store of record, so hashes never enter the
 * cache.
 */
final class CachedUserReads implements LoadUser {

    private final LoadUser delegate;
    private final ReadThrough cache;

    CachedUserReads(LoadUser delegate, ReadThrough cache) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    @Override
    public Optional<User> byId(UserId id) {
        return delegate.byId(id);
    }

    @Override
    public Optional<Account> accountById(UserId id) {
        return cache.getOptional(CacheKey.account(id), () -> delegate.accountById(id));
    }

    @Override
    public Optional<User> byUsername(Username username) {
        // the name-to-id mapping is cached; the user itself (with its hash) is read from the store
        AtomicReference<User> loaded = new AtomicReference<>();
        Optional<UserId> id = cache.getOptional(CacheKey.username(username), () -> {
            Optional<User> user = delegate.byUsername(username);
            user.ifPresent(loaded::set);
            return user.map(User::id);
        });
        if (loaded.get() != null) {
            return Optional.of(loaded.get());
        }
        return id.flatMap(delegate::byId);
    }
}
