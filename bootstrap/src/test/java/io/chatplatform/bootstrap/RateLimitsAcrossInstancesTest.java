package io.chatplatform.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances on one PostgreSQL and one Redis, with the default limits: a password guesser who
 * spreads the attempts over both instances is stopped after the same ten failures as on one.
 */
@DisplayName("rate limits hold across instances")
class RateLimitsAcrossInstancesTest {

    @TempDir
    static Path dataDir;
    private static TwoInstances instances;
    private static Http one;
    private static Http two;

    @BeforeAll
    static void start() {
        instances = TwoInstances.start(dataDir, Map.of("CHAT_RATE_LIMITS", "defaults"));
        one = instances.one;
        two = instances.two;
    }

    @AfterAll
    static void stop() {
        if (instances != null) {
            instances.close();
        }
    }

    @Test
    void ten_failed_logins_spread_over_two_instances_lock_the_username_on_both() {
        String name = "guessed_" + UUID.randomUUID().toString().substring(0, 8);
        one.account(name);
        for (int i = 0; i < 10; i++) {
            Http http = i % 2 == 0 ? one : two;
            assertThat(http.postForm("/login", Map.of("username", name, "password", "guess-number-" + i)).status())
                    .isEqualTo(400);
        }

        Http.Reply refused = one.postForm("/login", Map.of("username", name, "password", "password123"));
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json().get("detail").asText()).isEqualTo("Too many requests");
        assertThat(Long.parseLong(refused.raw().headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 30L);
        assertThat(two.postForm("/login", Map.of("username", name, "password", "password123")).status()).isEqualTo(429);
    }
}
