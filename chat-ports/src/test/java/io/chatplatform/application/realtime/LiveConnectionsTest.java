package io.chatplatform.application.realtime;

import static io.chatplatform.application.realtime.RealtimeFixture.ALICE;
import static io.chatplatform.application.realtime.RealtimeFixture.BOB;
import static io.chatplatform.application.realtime.RealtimeFixture.SETTINGS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatplatform.application.fixtures.RecordingChannel;
import io.chatplatform.application.port.in.OpenLiveConnection.LiveConnection;
import io.chatplatform.domain.realtime.CloseReason;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Real time starts on first use and stops, with what it started, on close. */
class LiveConnectionsTest {

    private final RealtimeFixture fixture = new RealtimeFixture();

    @AfterEach
    void stop() {
        fixture.close();
    }

    private LiveConnections live(Optional<Executor> executor, Optional<ScheduledExecutorService> scheduler) {
        return new LiveConnections(fixture.bus, fixture.presence, fixture.store, fixture.store, fixture.deliveries,
                fixture.blocks, fixture.clock, SETTINGS,
                executor, scheduler, fixture.metrics, fixture.reporter);
    }

    private static Set<String> liveThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith("chat-live")).collect(Collectors.toSet());
    }

    @Test
    @DisplayName("nothing starts before the first connection: no thread, no timer, no bus subscription")
    void lazy() {
        Set<String> before = liveThreads();
        LiveConnections live = live(Optional.empty(), Optional.empty());
        fixture.send(ALICE, BOB, "hello");
        assertThat(live.started()).isFalse();
        assertThat(live.openConnections()).isZero();
        assertThat(liveThreads()).isEqualTo(before);
        assertThat(fixture.bus.subscribers()).isZero();
        live.close();
        assertThat(live.started()).isFalse();
    }

    @Test
    @DisplayName("the first connection starts it on threads of its own, which close stops; then nothing opens any more")
    void own_threads() {
        LiveConnections live = live(Optional.empty(), Optional.empty());
        RecordingChannel channel = new RecordingChannel();
        LiveConnection connection = live.open(BOB, channel);
        connection.ping();
        RealtimeFixture.await(() -> channel.received().size() == 1);
        assertThat(live.started()).isTrue();
        assertThat(live.openConnections()).isEqualTo(1);
        assertThat(fixture.bus.subscribers()).isEqualTo(1);
        assertThat(liveThreads()).anyMatch(name -> name.startsWith("chat-live-timer-"))
                .anyMatch(name -> name.matches("chat-live-\\d+"));

        live.close();

        assertThat(channel.closeReason()).isEqualTo(CloseReason.GOING_AWAY);
        assertThat(fixture.bus.subscribers()).isZero();
        RealtimeFixture.await(() -> liveThreads().stream().noneMatch(name -> name.startsWith("chat-live-timer-")));
        assertThatThrownBy(() -> live.open(ALICE, new RecordingChannel())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        // the transport reports the close after the library stopped: nothing is left to do, nothing fails
        connection.closed();
        assertThat(fixture.errors).isEmpty();
    }

    @Test
    @DisplayName("an executor and a scheduler that were given are used, and left running by close")
    void given_threads() {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            LiveConnections live = live(Optional.of(executor), Optional.of(fixture.scheduler));
            RecordingChannel channel = new RecordingChannel();
            live.open(BOB, channel).ping();
            RealtimeFixture.await(() -> channel.received().size() == 1);
            live.close();
            assertThat(executor.isShutdown()).isFalse();
            assertThat(fixture.scheduler.isShutdown()).isFalse();
        } finally {
            executor.shutdownNow();
        }
    }
}
