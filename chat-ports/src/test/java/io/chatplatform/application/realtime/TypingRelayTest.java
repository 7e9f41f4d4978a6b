package io.chatplatform.application.realtime;

import static io.chatplatform.application.realtime.RealtimeFixture.ALICE;
import static io.chatplatform.application.realtime.RealtimeFixture.BOB;
import static io.chatplatform.application.realtime.RealtimeFixture.CAROL;
import static io.chatplatform.application.realtime.RealtimeFixture.SETTINGS;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatplatform.application.fixtures.InMemoryChat;
import io.chatplatform.application.fixtures.RecordingChannel;
import io.chatplatform.application.port.in.OpenLiveConnection.LiveConnection;
import io.chatplatform.application.port.in.SendMessage;
import io.chatplatform.application.port.out.ClientChannel.Problem;
import io.chatplatform.domain.cache.CacheType;
import io.chatplatform.domain.message.MessageContent;
import io.chatplatform.domain.realtime.Typing;
import io.chatplatform.domain.realtime.TypingThrottle;
import io.chatplatform.domain.user.User;
import io.chatplatform.domain.user.UserId;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Typing: relayed to a conversation partner only, within the connection's allowance. */
class TypingRelayTest {

    private final RealtimeFixture fixture = new RealtimeFixture();
    private final TypingRelay relay = new TypingRelay(fixture.store, fixture.blocks, fixture.bus, fixture.clock, SETTINGS);

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    @DisplayName("typing to a conversation partner is published to them, lasting the typing time")
    void relayed() {
        fixture.send(ALICE, BOB, "hello");
        assertThat(relay.typing(BOB, ALICE, relay.throttle())).isEmpty();
        assertThat(fixture.bus.published).contains(new Typing(BOB, ALICE, fixture.clock.instant().plusSeconds(6)));
    }

    @Test
    @DisplayName("typing to someone without a conversation, or to oneself, is refused and not published")
    void no_conversation() {
        fixture.send(ALICE, BOB, "hello");
        fixture.send(ALICE, ALICE, "a note");
        assertThat(relay.typing(BOB, CAROL, relay.throttle())).get().extracting(Problem::code).isEqualTo("no_conversation");
        assertThat(relay.typing(ALICE, ALICE, relay.throttle())).get().extracting(Problem::code).isEqualTo("no_conversation");
        assertThat(fixture.bus.published).noneMatch(Typing.class::isInstance);
    }

    @Test
    @DisplayName("typing beyond the allowance is refused until it refills")
    void throttled() {
        fixture.send(ALICE, BOB, "hello");
        TypingThrottle throttle = relay.throttle();
        assertThat(relay.typing(BOB, ALICE, throttle)).isEmpty();
        assertThat(relay.typing(BOB, ALICE, throttle)).isEmpty();
        assertThat(relay.typing(BOB, ALICE, throttle)).get().extracting(Problem::code).isEqualTo("rate_limited");
        fixture.clock.advance(Duration.ofSeconds(1));
        assertThat(relay.typing(BOB, ALICE, throttle)).isEmpty();
        assertThat(fixture.bus.published.stream().filter(Typing.class::isInstance)).hasSize(3);
    }

    @Test
    @DisplayName("with a cache, typing checks the conversation in the store by key, reading no history page")
    void through_the_application() {
        InMemoryChat chat = new InMemoryChat(true);
        try {
            User alice = chat.register("alice");
            User bob = chat.register("bob");
            chat.app.sendMessage().send(new SendMessage.Command(alice.id(), bob.id(), MessageContent.of("hi"),
                    Optional.empty()));
            RecordingChannel aliceChannel = new RecordingChannel();
            chat.app.openLiveConnection().open(alice.id(), aliceChannel).activity();
            RecordingChannel bobChannel = new RecordingChannel();
            LiveConnection connection = chat.app.openLiveConnection().open(bob.id(), bobChannel);
            connection.activity();
            connection.typing(alice.id());
            connection.typing(UserId.of(999));
            RealtimeFixture.await(() -> aliceChannel.events().stream().anyMatch(Typing.class::isInstance)
                    && bobChannel.received().stream().anyMatch(Problem.class::isInstance));
            var history = chat.app.viewCacheStats().cacheStats().service().get(CacheType.HISTORY_PAGE);
            assertThat(history.hits() + history.misses()).isZero();
        } finally {
            chat.app.close();
        }
    }

    @Test
    @DisplayName("on a connection, typing reaches the peer's devices; refusals are answered to the typist")
    void on_a_connection() {
        fixture.send(ALICE, BOB, "hello");
        RealtimeHub hub = fixture.hub();
        RecordingChannel aliceChannel = new RecordingChannel();
        hub.open(ALICE, aliceChannel).activity();
        RecordingChannel bobChannel = new RecordingChannel();
        LiveConnection bob = hub.open(BOB, bobChannel);
        bob.activity();
        for (int i = 0; i < 5; i++) {
            bob.typing(ALICE);
        }
        bob.typing(CAROL);
        assertThat(aliceChannel.events()).filteredOn(Typing.class::isInstance).hasSize(2);
        assertThat(bobChannel.received()).filteredOn(Problem.class::isInstance).extracting(m -> ((Problem) m).code())
                .containsExactly("rate_limited", "rate_limited", "rate_limited", "rate_limited");
    }
}
