package io.chatplatform.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

class RedisServerTest {

    @Test
    @DisplayName("a private server loses its data when killed and answers again on the same port after a restart")
    void kill_and_restart() {
        try (RedisServer redis = RedisServer.started(); UnifiedJedis client = redis.client()) {
            client.set("k", "v");
            assertThat(client.get("k")).isEqualTo("v");
            redis.kill();
            assertThat(redis.isRunning()).isFalse();
            assertThatThrownBy(() -> client.get("k")).isInstanceOf(JedisConnectionException.class);
            redis.start();
            assertThat(client.get("k")).isNull();
            assertThat(redis.commandCalls()).containsEntry("get", 1L);
        }
    }

    @Test
    @DisplayName("INFO commandstats is read as calls per command")
    void command_calls() {
        String info = "# Commandstats\r\ncmdstat_get:calls=12,usec=3,usec_per_call=0.25\r\n"
                + "cmdstat_client|setinfo:calls=2,usec=1\r\n";
        assertThat(RedisServer.commandCalls(info)).containsEntry("get", 12L).containsEntry("client|setinfo", 2L);
    }

    @Test
    @DisplayName("two fresh prefixes on the shared Redis never collide")
    void fresh_prefixes() {
        assertThat(SharedRedis.freshPrefix()).isNotEqualTo(SharedRedis.freshPrefix()).endsWith(":");
    }
}
