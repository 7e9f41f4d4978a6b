package io.chatplatform.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatplatform.application.fixtures.InMemoryChat;
import io.chatplatform.application.fixtures.MutableClock;
import io.chatplatform.application.port.out.EventPublisher;
import io.chatplatform.application.port.out.UpdateUser;
import io.chatplatform.application.realtime.InProcessPresenceRegistry;
import io.chatplatform.domain.user.PasswordHash;
import io.chatplatform.domain.user.Presence;
import io.chatplatform.domain.user.ProfileUpdate;
import io.chatplatform.domain.user.User;
import io.chatplatform.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ActivityServiceTest {

    /** Counts the writes that activity recording causes. */
    private static final class CountingWrites implements UpdateUser {
        final List<UserId> recorded = new ArrayList<>();

        @Override
        public Optional<User> updateProfile(UserId id, ProfileUpdate update) {
            return Optional.empty();
        }

        @Override
        public boolean replacePasswordHash(UserId id, PasswordHash expected, PasswordHash replacement) {
            return false;
        }

        @Override
        public synchronized void recordLastSeen(UserId id, Instant at) {
            recorded.add(id);
        }
    }

    @Test
    void a_burst_of_requests_costs_one_write_per_interval() {
        MutableClock clock = MutableClock.at("2026-11-27T12:00:00Z");
        CountingWrites writes = new CountingWrites();
        ActivityService service = new ActivityService(writes, Presence.DEFAULT, new InProcessPresenceRegistry(), EventPublisher.none(), clock);
        UserId user = UserId.of(1);
        for (int i = 0; i < 100; i++) {
            service.recordActivity(user);
        }
        assertThat(writes.recorded).hasSize(1);
        clock.advance(Duration.ofSeconds(59));
        service.recordActivity(user);
        assertThat(writes.recorded).hasSize(1);
        clock.advance(Duration.ofSeconds(1));
        service.recordActivity(user);
        assertThat(writes.recorded).hasSize(2);
    }

    @Test
    void remembers_a_bounded_number_of_users() {
        MutableClock clock = MutableClock.at("2026-11-27T12:00:00Z");
        CountingWrites writes = new CountingWrites();
        ActivityService service = new ActivityService(writes, Presence.DEFAULT, new InProcessPresenceRegistry(), EventPublisher.none(), clock);
        for (int i = 1; i <= ActivityService.PRUNE_THRESHOLD; i++) {
            service.recordActivity(UserId.of(i));
        }
        clock.advance(Duration.ofMinutes(2));
        service.recordActivity(UserId.of(ActivityService.PRUNE_THRESHOLD + 1L));
        assertThat(service.rememberedUsers()).isEqualTo(1);
        assertThat(writes.recorded).hasSize(ActivityService.PRUNE_THRESHOLD + 1);
    }

    @Test
    void recorded_activity_reaches_the_store() {
        InMemoryChat chat = new InMemoryChat();
        User alice = chat.register("alice");
        chat.clock.advance(Duration.ofMinutes(3));
        chat.app.recordActivity().recordActivity(alice.id());
        assertThat(chat.users.byId(alice.id()).orElseThrow().lastSeen()).isEqualTo(chat.clock.instant());
    }
}
