package io.chatplatform.application.realtime;

import static io.chatplatform.application.realtime.RealtimeFixture.ALICE;
import static io.chatplatform.application.realtime.RealtimeFixture.BOB;
import static io.chatplatform.application.realtime.RealtimeFixture.CAROL;
import static io.chatplatform.application.realtime.RealtimeFixture.SETTINGS;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatplatform.application.fixtures.InMemoryChat;
import io.chatplatform.application.fixtures.RecordingChannel;
import io.chatplatform.application.port.in.LogIn;
import io.chatplatform.application.port.in.ManageSessions;
import io.chatplatform.application.port.in.OpenLiveConnection.LiveConnection;
import io.chatplatform.application.port.in.SessionTokens;
import io.chatplatform.domain.realtime.CloseReason;
import io.chatplatform.domain.realtime.PresenceChanged;
import io.chatplatform.domain.realtime.SessionsRevoked;
import io.chatplatform.domain.realtime.Typing;
import io.chatplatform.domain.session.SessionId;
import io.chatplatform.domain.user.PasswordAttempt;
import io.chatplatform.domain.user.User;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What blocks hide from live connections, and which connections an ended session closes. */
class BlocksAndSessionsLiveTest {

    private final RealtimeFixture fixture = new RealtimeFixture();

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    @DisplayName("typing between blocked users is dropped without a word, either way; unblocked, it is relayed again")
    void typing_is_dropped() {
        TypingRelay relay = new TypingRelay(fixture.store, fixture.blocks, fixture.bus, fixture.clock, SETTINGS);
        fixture.send(ALICE, BOB, "hello");
        fixture.blocks.block(ALICE, BOB, fixture.clock.instant());

        assertThat(relay.typing(BOB, ALICE, relay.throttle())).as("no problem answered: the block is not revealed").isEmpty();
        assertThat(relay.typing(ALICE, BOB, relay.throttle())).isEmpty();
        assertThat(fixture.bus.published).noneMatch(Typing.class::isInstance);

        fixture.blocks.unblock(ALICE, BOB);
        assertThat(relay.typing(BOB, ALICE, relay.throttle())).isEmpty();
        assertThat(fixture.bus.published).filteredOn(Typing.class::isInstance).singleElement()
                .isEqualTo(new Typing(BOB, ALICE, fixture.clock.instant().plus(SETTINGS.typingTtl())));
    }

    @Test
    @DisplayName("on connections, neither side of a block sees the other typing")
    void typing_on_connections() {
        fixture.send(ALICE, BOB, "hello");
        fixture.blocks.block(BOB, ALICE, fixture.clock.instant());
        RealtimeHub hub = fixture.hub();
        RecordingChannel aliceChannel = new RecordingChannel();
        LiveConnection alice = hub.open(ALICE, aliceChannel);
        alice.activity();
        RecordingChannel bobChannel = new RecordingChannel();
        LiveConnection bob = hub.open(BOB, bobChannel);
        bob.activity();

        alice.typing(BOB);
        bob.typing(ALICE);

        assertThat(aliceChannel.events()).noneMatch(Typing.class::isInstance);
        assertThat(bobChannel.events()).noneMatch(Typing.class::isInstance);
        assertThat(aliceChannel.received()).noneMatch(io.chatplatform.application.port.out.ClientChannel.Problem.class::isInstance);
    }

    @Test
    @DisplayName("coming and going is not told across a block, either way; other watchers are told")
    void presence_is_filtered() {
        fixture.send(ALICE, BOB, "hello");
        fixture.send(CAROL, BOB, "hi");
        fixture.blocks.block(ALICE, BOB, fixture.clock.instant());
        RealtimeHub hub = fixture.hub();

        LiveConnection bob = hub.open(BOB, new RecordingChannel());
        bob.activity();
        bob.closed();

        assertThat(fixture.bus.published).filteredOn(PresenceChanged.class::isInstance).containsExactly(
                new PresenceChanged(BOB, true, Set.of(CAROL)), new PresenceChanged(BOB, false, Set.of(CAROL)));
        fixture.bus.published.clear();

        // alice's only watcher is bob, whom she blocked: nothing to tell anyone
        LiveConnection alice = hub.open(ALICE, new RecordingChannel());
        alice.activity();
        alice.closed();
        assertThat(fixture.bus.published).noneMatch(PresenceChanged.class::isInstance);
    }

    @Test
    @DisplayName("a revocation closes the connections of those sessions only, with SESSION_REVOKED")
    void revocation_closes_its_sessions_connections() {
        RealtimeHub hub = fixture.hub();
        RecordingChannel phone = new RecordingChannel();
        RecordingChannel laptop = new RecordingChannel();
        RecordingChannel embedded = new RecordingChannel();
        RecordingChannel bobs = new RecordingChannel();
        hub.open(ALICE, Optional.of(SessionId.of(1)), phone);
        hub.open(ALICE, Optional.of(SessionId.of(2)), laptop);
        hub.open(ALICE, embedded);
        hub.open(BOB, Optional.of(SessionId.of(1)), bobs);

        fixture.bus.publish(new SessionsRevoked(ALICE, Set.of(SessionId.of(1))));

        assertThat(phone.closeReason()).isEqualTo(CloseReason.SESSION_REVOKED);
        assertThat(laptop.closeReason()).isNull();
        assertThat(embedded.closeReason()).as("opened outside any session").isNull();
        assertThat(bobs.closeReason()).as("the same id, for another user, is not the same session").isNull();
        assertThat(phone.received()).as("no frame: the close is the message").isEmpty();
    }

    @Test
    @DisplayName("through the application: logging out closes that session's connections; another session of the user stays open")
    void logout_closes_connections() {
        InMemoryChat chat = new InMemoryChat(false, io.chatplatform.domain.limit.RateLimits.none(),
                builder -> builder.connectionExecutor(Runnable::run));
        try {
            User alice = chat.register("alice");
            SessionTokens phone = logIn(chat, alice);
            SessionTokens laptop = logIn(chat, alice);
            RecordingChannel phoneChannel = new RecordingChannel();
            RecordingChannel laptopChannel = new RecordingChannel();
            chat.app.openLiveConnection().open(alice.id(), Optional.of(phone.session()), phoneChannel);
            chat.app.openLiveConnection().open(alice.id(), Optional.of(laptop.session()), laptopChannel);

            chat.app.manageSessions().logOut(alice.id(), phone.session());

            assertThat(phoneChannel.closeReason()).isEqualTo(CloseReason.SESSION_REVOKED);
            assertThat(laptopChannel.closeReason()).isNull();
            chat.clock.advance(Duration.ofSeconds(1));
            assertThat(chat.app.manageSessions().endOthers(alice.id(), phone.session()))
                    .as("the phone's session is gone, so the laptop's is another").isEqualTo(new ManageSessions.Ended(1));
            assertThat(laptopChannel.closeReason()).isEqualTo(CloseReason.SESSION_REVOKED);
        } finally {
            chat.app.close();
        }
    }

    private static SessionTokens logIn(InMemoryChat chat, User user) {
        return ((LogIn.LoggedIn) chat.app.logIn().logIn(new LogIn.Command(user.username().value(),
                PasswordAttempt.of("password123")))).tokens();
    }
}
