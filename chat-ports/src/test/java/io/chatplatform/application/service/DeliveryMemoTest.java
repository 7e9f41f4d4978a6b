package io.chatplatform.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatplatform.application.inmemory.InMemoryBlockStore;
import io.chatplatform.application.inmemory.InMemoryMessageStore;
import io.chatplatform.application.inmemory.InMemoryUserStore;
import io.chatplatform.application.port.in.ReadHistory;
import io.chatplatform.application.port.in.SendMessage;
import io.chatplatform.application.port.out.ChatMetrics;
import io.chatplatform.application.port.out.CreateUser;
import io.chatplatform.application.port.out.EventPublisher;
import io.chatplatform.application.port.out.MoveReadMarker;
import io.chatplatform.domain.limit.MessageChangeLimits;
import io.chatplatform.domain.message.HistoryPage;
import io.chatplatform.domain.message.MessageContent;
import io.chatplatform.domain.message.change.MessageChangePolicy;
import io.chatplatform.domain.user.Email;
import io.chatplatform.domain.user.PasswordHash;
import io.chatplatform.domain.user.UserId;
import io.chatplatform.domain.user.Username;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DeliveryMemoTest {

    private static final UserId ALICE = UserId.of(1);
    private static final UserId BOB = UserId.of(2);

    @Test
    @DisplayName("remembers the highest position per pair, and starts over when full")
    void memo() {
        DeliveryMemo memo = new DeliveryMemo(2);
        memo.remember(BOB, ALICE, 5);
        memo.remember(BOB, ALICE, 3);

        assertThat(memo.covers(BOB, ALICE, 5)).isTrue();
        assertThat(memo.covers(BOB, ALICE, 6)).isFalse();
        assertThat(memo.covers(ALICE, BOB, 1)).as("per direction").isFalse();

        memo.remember(ALICE, BOB, 1);
        memo.remember(UserId.of(3), ALICE, 1);
        assertThat(memo.covers(BOB, ALICE, 1)).as("forgotten when full").isFalse();
        assertThat(memo.covers(UserId.of(3), ALICE, 1)).isTrue();
        assertThatThrownBy(() -> new DeliveryMemo(0)).isInstanceOf(IllegalArgumentException.class);
    }

    /** The in-memory store, counting the delivery round trips the service makes. */
    private static final class CountingMarkers extends InMemoryMessageStoreDelegate {
        final AtomicInteger deliveries = new AtomicInteger();

        CountingMarkers(InMemoryMessageStore store) {
            super(store);
        }

        @Override
        public Optional<Delivered> markDelivered(UserId recipient, UserId peer, long upToSeq) {
            deliveries.incrementAndGet();
            return super.markDelivered(recipient, peer, upToSeq);
        }
    }

    /** Delegates the read-marker port to the in-memory store. */
    private static class InMemoryMessageStoreDelegate implements MoveReadMarker {
        private final InMemoryMessageStore store;

        InMemoryMessageStoreDelegate(InMemoryMessageStore store) {
            this.store = store;
        }

        @Override
        public Optional<ReadState> markRead(UserId owner, UserId peer, long upToSeq) {
            return store.markRead(owner, peer, upToSeq);
        }

        @Override
        public Optional<Delivered> markDelivered(UserId recipient, UserId peer, long upToSeq) {
            return store.markDelivered(recipient, peer, upToSeq);
        }
    }

    @Test
    @DisplayName("a history page read again, or an acknowledgement repeated, needs no store round trip")
    void no_round_trip_for_what_is_known() {
        InMemoryUserStore users = new InMemoryUserStore();
        InMemoryMessageStore messages = new InMemoryMessageStore();
        CountingMarkers markers = new CountingMarkers(messages);
        Clock clock = Clock.fixed(Instant.parse("2026-12-06T10:00:00Z"), ZoneOffset.UTC);
        MessagingService service = new MessagingService(users, messages, messages, markers, EventPublisher.none(),
                ChatMetrics.NONE, RateLimiting.NONE, clock, new MessageChangePolicy(MessageChangeLimits.defaults()),
                new InMemoryBlockStore());
        UserId alice = register(users, "alice", clock);
        UserId bob = register(users, "bob", clock);
        for (String text : new String[] {"one", "two"}) {
            service.send(new SendMessage.Command(alice, bob, MessageContent.of(text), Optional.empty()));
        }
        ReadHistory.Query page = new ReadHistory.Query(bob, alice, HistoryPage.newest());

        service.history(page);
        service.history(page);
        service.history(page);
        assertThat(markers.deliveries).as("the first read only").hasValue(1);
        assertThat(messages.entry(alice, bob).orElseThrow().peerDeliveredSeq()).isEqualTo(2);

        service.markDelivered(bob, alice, 2);
        assertThat(markers.deliveries).as("an acknowledgement of what is known").hasValue(1);

        // an acknowledgement past the newest message moves the marker to the newest only, and does
        // not keep a later message from being delivered
        service.markDelivered(bob, alice, 99);
        service.send(new SendMessage.Command(alice, bob, MessageContent.of("three"), Optional.empty()));
        service.markDelivered(bob, alice, 3);
        assertThat(messages.entry(alice, bob).orElseThrow().peerDeliveredSeq()).isEqualTo(3);
    }

    private static UserId register(InMemoryUserStore users, String name, Clock clock) {
        var created = (CreateUser.Created) users.create(new CreateUser.NewUser(Username.of(name),
                Email.of(name + "@example.com"), new PasswordHash("hash-of-" + name), clock.instant()));
        return created.user().id();
    }
}
