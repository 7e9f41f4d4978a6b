package io.chatplatform.application.admission;

import static io.chatplatform.testkit.Waits.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatplatform.application.fixtures.FakePasswordHasher;
import io.chatplatform.application.port.out.CapacityExceededException;
import io.chatplatform.domain.user.Password;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CpuBoundWorkTest {

    @Test
    void work_runs_on_the_pools_named_platform_threads_and_its_result_comes_back() {
        try (CpuBoundWork work = CpuBoundWork.platformThreads("hashing", 2, 4)) {
            Thread ran = work.run(Thread::currentThread);
            assertThat(ran.getName()).startsWith("hashing-");
            assertThat(ran).isNotSameAs(Thread.currentThread());
            assertThat(work.run(() -> 6 * 7)).isEqualTo(42);
        }
    }

    @Test
    void a_failure_of_the_work_reaches_the_caller_as_it_was() {
        try (CpuBoundWork work = CpuBoundWork.platformThreads("hashing", 1, 1)) {
            assertThatThrownBy(() -> work.run(() -> {
                throw new IllegalArgumentException("bad salt");
            })).isInstanceOf(IllegalArgumentException.class).hasMessage("bad salt");
        }
    }

    @Test
    void work_beyond_the_threads_and_the_queue_is_refused_at_once() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        ExecutorService callers = Executors.newFixedThreadPool(3);
        try (CpuBoundWork work = CpuBoundWork.platformThreads("hashing", 1, 1)) {
            Future<String> running = callers.submit(() -> work.run(() -> {
                started.countDown();
                await(release);
                return "first";
            }));
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            Future<String> queued = callers.submit(() -> work.run(() -> "second"));
            eventually("the second task queued").until(() -> work.queued() >= 1);

            assertThatThrownBy(() -> work.run(() -> "third"))
                    .isInstanceOf(CapacityExceededException.class)
                    .hasMessage("hashing is at capacity")
                    .satisfies(e -> assertThat(((CapacityExceededException) e).retryAfter()).isEqualTo(Duration.ofSeconds(1)));

            release.countDown();
            assertThat(running.get(5, TimeUnit.SECONDS)).isEqualTo("first");
            assertThat(queued.get(5, TimeUnit.SECONDS)).isEqualTo("second");
        } finally {
            release.countDown();
            callers.shutdownNow();
        }
    }

    @Test
    void after_close_work_is_refused() {
        CpuBoundWork work = CpuBoundWork.platformThreads("hashing", 1, 1);
        work.close();
        assertThatThrownBy(() -> work.run(() -> "late")).isInstanceOf(CapacityExceededException.class);
    }

    @Test
    void sizes_below_one_are_refused_with_the_value() {
        assertThatThrownBy(() -> CpuBoundWork.platformThreads("hashing", 0, 1))
                .hasMessage("threads cannot be less than 1, was 0");
        assertThatThrownBy(() -> CpuBoundWork.platformThreads("hashing", 1, 0))
                .hasMessage("queueCapacity cannot be less than 1, was 0");
    }

    @Test
    void the_admitted_hasher_hashes_and_checks_on_the_pool() {
        FakePasswordHasher fake = new FakePasswordHasher();
        try (CpuBoundWork work = CpuBoundWork.platformThreads("hashing", 1, 1)) {
            AdmittedPasswordHasher hasher = new AdmittedPasswordHasher(fake, work);
            var hash = hasher.hash(Password.of("password123"));
            assertThat(hasher.matches(Password.of("password123").asAttempt(), hash)).isTrue();
            assertThat(hasher.matches(Password.of("password124").asAttempt(), hash)).isFalse();
            assertThat(fake.checks()).isEqualTo(2);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
