package io.chatplatform.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatplatform.application.port.in.CheckHealth.DependencyState;
import io.chatplatform.application.port.in.CheckHealth.Health;
import io.chatplatform.application.port.in.CheckHealth.Status;
import io.chatplatform.application.port.out.ProbeWorkers;
import io.chatplatform.application.port.out.WorkerCheck;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HealthServiceTest {

    private static final Instant T = Instant.parse("2026-11-27T14:31:05Z");

    private static ProbeWorkers workers(int total, String... unavailable) {
        WorkerCheck check = new WorkerCheck(total, List.of(unavailable), T);
        return () -> Optional.of(check);
    }

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

    @Test
    void a_database_without_workers_reports_none_and_is_judged_by_its_probe_alone() {
        Health health = new HealthService(() -> true, ProbeWorkers.NONE, Optional.empty()).check();

        assertThat(health.workers()).isEmpty();
        assertThat(health.database()).isEqualTo(DependencyState.CONNECTED);
        assertThat(health).isEqualTo(new Health(DependencyState.CONNECTED, DependencyState.DISABLED));
    }

    @Test
    void healthy_when_every_worker_answered_the_last_check() {
        Health health = new HealthService(() -> true, workers(2), Optional.of(() -> true)).check();

        assertThat(health.database()).isEqualTo(DependencyState.CONNECTED);
        assertThat(health.status()).isEqualTo(Status.HEALTHY);
        assertThat(health.workers()).contains(new WorkerCheck(2, List.of(), T));
    }

    @Test
    void a_worker_that_did_not_answer_makes_the_database_and_the_service_degraded() {
        Health health = new HealthService(() -> true, workers(3, "w2:5432"), Optional.of(() -> true)).check();

        assertThat(health.database()).isEqualTo(DependencyState.DEGRADED);
        assertThat(health.database().label()).isEqualTo("degraded");
        assertThat(health.cache()).isEqualTo(DependencyState.CONNECTED);
        assertThat(health.status()).isEqualTo(Status.DEGRADED);
        assertThat(health.workers().orElseThrow().unavailable()).containsExactly("w2:5432");
    }

    @Test
    void no_worker_answering_makes_the_service_unhealthy_as_a_coordinator_outage_does() {
        Health health = new HealthService(() -> true, workers(2, "w1:5432", "w2:5432"), Optional.empty()).check();

        assertThat(health.database()).isEqualTo(DependencyState.UNAVAILABLE);
        assertThat(health.status()).isEqualTo(Status.UNHEALTHY);
    }

    @Test
    void a_coordinator_that_does_not_answer_is_unavailable_whatever_the_last_worker_check_said() {
        Health health = new HealthService(() -> false, workers(2), Optional.empty()).check();

        assertThat(health.database()).isEqualTo(DependencyState.UNAVAILABLE);
        assertThat(health.status()).isEqualTo(Status.UNHEALTHY);
        assertThat(health.workers()).isPresent();
    }

    @Test
    void each_health_check_reads_the_last_worker_check_once_and_runs_nothing_else() {
        AtomicInteger reads = new AtomicInteger();
        ProbeWorkers counted = () -> {
            reads.incrementAndGet();
            return Optional.of(new WorkerCheck(2, List.of(), T));
        };
        HealthService service = new HealthService(() -> true, counted, Optional.empty());

        service.check();
        service.check();

        assertThat(reads).hasValue(2);
    }

    @Test
    void a_degraded_database_degrades_the_service_even_with_the_cache_down() {
        assertThat(new Health(DependencyState.DEGRADED, DependencyState.UNAVAILABLE).status()).isEqualTo(Status.DEGRADED);
        assertThat(new Health(DependencyState.DISABLED, DependencyState.CONNECTED).status()).isEqualTo(Status.UNHEALTHY);
    }

    @Test
    void a_worker_check_covers_at_least_one_worker_and_cannot_count_more_failures_than_workers() {
        assertThatThrownBy(() -> new WorkerCheck(0, List.of(), T))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a worker check covers at least 1 worker, was 0");
        assertThatThrownBy(() -> new WorkerCheck(1, List.of("a:1", "b:1"), T))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("2 unavailable workers out of 1");
        assertThatThrownBy(() -> new WorkerCheck(2, List.of("a:1", "a:1"), T))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unavailable workers must be distinct, were [a:1, a:1]");
        assertThat(new WorkerCheck(2, List.of("a:1", "b:1"), T).noneAvailable()).isTrue();
        assertThat(new WorkerCheck(2, List.of("a:1"), T).noneAvailable()).isFalse();
        assertThat(new WorkerCheck(2, List.of("a:1"), T).allAvailable()).isFalse();
    }
}
