package io.chatplatform.adapter.redis;

import io.chatplatform.testkit.RedisServer;
import io.chatplatform.testkit.SharedRedis;
import java.util.Optional;

/** This adapter's settings for the test kit's Redis servers, every key under a prefix. */
final class TestRedis {

    private TestRedis() {
    }

    /** The shared 127.0.0.1:6379; {@code prefix} from {@link SharedRedis#freshPrefix()} keeps the test's keys its own. */
    static RedisSettings shared(String prefix) {
        return RedisSettings.fromUrl(SharedRedis.URL).withKeyPrefix(prefix);
    }

    /** A redis-server of the test's own, with the default timeouts and pool. */
    static RedisSettings of(RedisServer server, String prefix) {
        return new RedisSettings("127.0.0.1", server.port(), 0, Optional.empty(), Optional.empty(), false,
                RedisSettings.DEFAULT_CONNECT_TIMEOUT, RedisSettings.DEFAULT_SOCKET_TIMEOUT,
                RedisSettings.DEFAULT_MAX_CONNECTIONS, prefix);
    }
}
