package io.chatplatform.adapter.redis;

import io.chatplatform.application.port.out.PresenceRegistry;
import io.chatplatform.contracts.PresenceRegistryContract;
import io.chatplatform.testkit.SharedRedis;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;

/**
 * The Redis registry keeps the presence contract, on the machine's Redis. Each test's registry
 * gets a key prefix of its own; its "other instance" is a second registry, with its own pool, on
 * the same prefix. The keys expire by themselves a minute after the claims they hold.
 */
@DisplayName("RedisPresenceRegistry keeps the PresenceRegistry contract")
class RedisPresenceRegistryContractTest extends PresenceRegistryContract {

    /** Static, because the contract makes its registry in a field initialiser, before this class's own fields exist. */
    private static final List<RedisPresenceRegistry> REGISTRIES = new ArrayList<>();
    private static final Map<PresenceRegistry, String> PREFIXES = new IdentityHashMap<>();

    @Override
    protected PresenceRegistry newRegistry() {
        return open(SharedRedis.freshPrefix());
    }

    @Override
    protected PresenceRegistry sameStoreAs(PresenceRegistry registry) {
        return open(PREFIXES.get(registry));
    }

    private static RedisPresenceRegistry open(String prefix) {
        RedisPresenceRegistry registry = RedisPresenceRegistry.connect(TestRedis.shared(prefix));
        REGISTRIES.add(registry);
        PREFIXES.put(registry, prefix);
        return registry;
    }

    @AfterEach
    void closeRegistries() {
        REGISTRIES.forEach(RedisPresenceRegistry::close);
        REGISTRIES.clear();
        PREFIXES.clear();
    }
}
