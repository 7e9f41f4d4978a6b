package io.chatplatform.application.realtime;

import static io.chatplatform.application.realtime.RealtimeFixture.ALICE;
import static io.chatplatform.application.realtime.RealtimeFixture.BOB;
import static io.chatplatform.application.realtime.RealtimeFixture.CAROL;
import static io.chatplatform.application.realtime.RealtimeFixture.SETTINGS;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatplatform.application.fixtures.RecordingChannel;
import io.chatplatform.application.port.in.OpenLiveConnection.LiveConnection;
import io.chatplatform.application.port.out.PresenceRegistry;
import io.chatplatform.domain.realtime.PresenceChanged;
import io.chatplatform.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Presence: claims on open and close, the heartbeat, the sweep, and who is told. */
class PresenceKeeperTest {

    private final RealtimeFixture fixture = new RealtimeFixture();

    @AfterEach
    void stop() {
        fixture.close();
    }

    private PresenceKeeper keeper(PresenceRegistry registry) {
        return new PresenceKeeper(registry, fixture.store, fixture.blocks, fixture.bus, fixture.clock, SETTINGS, fixture.reporter);
    }

    @Test
    @DisplayName("coming and going is published only when someone has a conversation with the user")
    void presence_of_a_user_nobody_watches_is_not_published() {
        RealtimeHub hub = fixture.hub();
        LiveConnection carol = hub.open(CAROL, new RecordingChannel());
        carol.activity();
        carol.closed();
        assertThat(fixture.presence.onlineAmong(Set.of(CAROL), fixture.clock.instant())).isEmpty();
        assertThat(fixture.bus.published).noneMatch(PresenceChanged.class::isInstance);

        fixture.send(ALICE, CAROL, "hello");
        hub.open(CAROL, new RecordingChannel()).activity();
        assertThat(fixture.bus.published).contains(new PresenceChanged(CAROL, true, Set.of(ALICE)));
    }

    @Test
    @DisplayName("a second device announces nothing; the last one to close announces the user offline")
    void devices() {
        fixture.send(ALICE, BOB, "hello");
        RealtimeHub hub = fixture.hub();
        RecordingChannel aliceChannel = new RecordingChannel();
        hub.open(ALICE, aliceChannel).activity();
        LiveConnection phone = hub.open(BOB, new RecordingChannel());
        LiveConnection laptop = hub.open(BOB, new RecordingChannel());
        phone.closed();
        assertThat(aliceChannel.events()).containsExactly(new PresenceChanged(BOB, true, Set.of(ALICE)));
        laptop.closed();
        assertThat(aliceChannel.events()).containsExactly(new PresenceChanged(BOB, true, Set.of(ALICE)),
                new PresenceChanged(BOB, false, Set.of(ALICE)));
    }

    @Test
    @DisplayName("a user whose instance vanished without a goodbye goes offline once their presence expires")
    void presence_expires() {
        fixture.send(ALICE, BOB, "hello");
        RecordingChannel aliceChannel = new RecordingChannel();
        fixture.hub().open(ALICE, aliceChannel).activity();
        // bob's claim from an instance that crashed: no connection here, no goodbye
        fixture.presence.connected(BOB, "crashed-instance:1", fixture.clock.instant(),
                fixture.clock.instant().plusSeconds(60));
        fixture.clock.advance(Duration.ofSeconds(61));
        RealtimeFixture.await(() -> aliceChannel.events().contains(new PresenceChanged(BOB, false, Set.of(ALICE))));
    }

    @Test
    @DisplayName("the sweep does not announce offline a user who came back meanwhile")
    void sweep_skips_who_is_back() {
        fixture.store(ALICE, BOB, "hello");
        PresenceKeeper keeper = keeper(new Delegating() {
            @Override
            public Set<UserId> expire(Instant now) {
                return Set.of(BOB);
            }

            @Override
            public Set<UserId> onlineAmong(Collection<UserId> users, Instant now) {
                return Set.of(BOB);
            }
        });
        keeper.sweep();
        assertThat(fixture.bus.published).isEmpty();
    }

    @Test
    @DisplayName("a heartbeat that finds its user offline (expired meanwhile) announces them online again")
    void heartbeat_restores_presence() {
        fixture.store(ALICE, BOB, "hello");
        ConnectionRegistry connections = new ConnectionRegistry();
        connections.add(new LiveSession(BOB, Optional.empty(), new RecordingChannel(), "bob:1", context()));
        // bob's claims are lost (as after a Redis restart); the next heartbeat finds him offline
        fixture.presence.expire(fixture.clock.instant().plusSeconds(3600));

        keeper(fixture.presence).heartbeat(connections);
        keeper(fixture.presence).heartbeat(connections);

        assertThat(fixture.bus.published).containsExactly(new PresenceChanged(BOB, true, Set.of(ALICE)));
    }

    @Test
    @DisplayName("a failing registry is reported and counted; the timers go on, and the heartbeat renews the other connections")
    void failures_are_reported() {
        fixture.store(ALICE, BOB, "hello");
        PresenceKeeper keeper = keeper(new Delegating() {
            @Override
            public Set<UserId> expire(Instant now) {
                throw new IllegalStateException("registry down");
            }

            @Override
            public boolean connected(UserId user, String connection, Instant now, Instant until) {
                if (user.equals(CAROL)) {
                    throw new IllegalStateException("registry down");
                }
                return super.connected(user, connection, now, until);
            }
        });
        ConnectionRegistry connections = new ConnectionRegistry();
        connections.add(new LiveSession(CAROL, Optional.empty(), new RecordingChannel(), "carol:1", context()));
        connections.add(new LiveSession(BOB, Optional.empty(), new RecordingChannel(), "bob:1", context()));

        keeper.sweep();
        keeper.heartbeat(connections);

        assertThat(fixture.errors).containsExactly("presence_sweep: registry down", "presence_heartbeat: registry down");
        assertThat(fixture.counted).containsExactly("presence_sweep", "presence_heartbeat");
        assertThat(fixture.bus.published).containsExactly(new PresenceChanged(BOB, true, Set.of(ALICE)));
    }

    /** The in-process registry, to override a method of. */
    private static class Delegating implements PresenceRegistry {
        private final InProcessPresenceRegistry inner = new InProcessPresenceRegistry();

        @Override
        public boolean connected(UserId user, String connection, Instant now, Instant until) {
            return inner.connected(user, connection, now, until);
        }

        @Override
        public boolean disconnected(UserId user, String connection, Instant now) {
            return inner.disconnected(user, connection, now);
        }

        @Override
        public void active(UserId user, Instant until) {
            inner.active(user, until);
        }

        @Override
        public Set<UserId> onlineAmong(Collection<UserId> users, Instant now) {
            return inner.onlineAmong(users, now);
        }

        @Override
        public List<UserId> online(Instant now, int limit) {
            return inner.online(now, limit);
        }

        @Override
        public Set<UserId> expire(Instant now) {
            return inner.expire(now);
        }
    }

    private SessionContext context() {
        return new SessionContext(SETTINGS, fixture.store, fixture.store, fixture.deliveries, new ConnectionRegistry(), keeper(fixture.presence),
                new TypingRelay(fixture.store, fixture.blocks, fixture.bus, fixture.clock, SETTINGS), Runnable::run, fixture.metrics,
                fixture.reporter);
    }
}
