package io.chatplatform.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatplatform.application.port.in.CheckHealth.DependencyState;
import io.chatplatform.application.port.in.CheckHealth.Health;
import io.chatplatform.application.port.in.CheckHealth.Status;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HealthServiceTest {

    @Test
    void healthy_when_everything_answers_or_the_cache_is_not_configured() {
        assertThat(new HealthService(() -> true, Optional.of(() -> true)).check())
                .isEqualTo(new Health(DependencyState.CONNECTED, DependencyState.CONNECTED));
        Health noCache = new HealthService(() -> true, Optional.empty()).check();
        assertThat(noCache.cache()).isEqualTo(DependencyState.DISABLED);
        assertThat(noCache.status()).isEqualTo(Status.HEALTHY);
    }

    @Test
    void degraded_without_the_cache_and_unhealthy_without_the_database() {
        assertThat(new HealthService(() -> true, Optional.of(() -> false)).check().status()).isEqualTo(Status.DEGRADED);
        assertThat(new HealthService(() -> false, Optional.of(() -> true)).check().status()).isEqualTo(Status.UNHEALTHY);
        assertThat(Status.DEGRADED.label()).isEqualTo("degraded");
        assertThat(DependencyState.UNAVAILABLE.label()).isEqualTo("unavailable");
    }
}
