package io.chatplatform.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeederLayoutTest {

    @Test
    void messagesAreSpreadEvenlyRoundingUp() {
        Seeder.Layout plan = Seeder.Layout.plan("cold", 1000, 5000, 1_000_000);
        assertThat(plan.perConversation()).isEqualTo(200);
        assertThat(plan.messages()).isEqualTo(1_000_000);
        assertThat(Seeder.Layout.plan("cold", 10, 3, 10).perConversation()).isEqualTo(4);
    }

    @Test
    void everyConversationIsADistinctPairOfDistinctUsers() {
        Seeder.Layout layout = new Seeder.Layout("cold", 100, 50, 1200, 3, 5000);
        Set<String> ids = new HashSet<>();
        for (int k = 0; k < layout.conversations(); k++) {
            int[] pair = layout.pair(k);
            assertThat(pair[0]).isNotEqualTo(pair[1]).isBetween(0, 49);
            assertThat(pair[1]).isBetween(0, 49);
            String id = layout.conversationId(k);
            String[] parts = id.split(":");
            assertThat(Long.parseLong(parts[0])).isLessThan(Long.parseLong(parts[1]));
            assertThat(Long.parseLong(parts[0])).isGreaterThanOrEqualTo(100);
            assertThat(ids.add(id)).as("conversation %d (%s) is new", k, id).isTrue();
        }
    }

    @Test
    void messageIdsAreConsecutivePerConversation() {
        Seeder.Layout layout = new Seeder.Layout("cold", 100, 50, 10, 200, 5000);
        assertThat(layout.messageId(0, 1)).isEqualTo(5000);
        assertThat(layout.messageId(0, 200)).isEqualTo(5199);
        assertThat(layout.messageId(1, 1)).isEqualTo(5200);
        assertThat(layout.userId(49)).isEqualTo(149);
        assertThat(layout.username(7)).isEqualTo("cold_7");
    }

    @Test
    void tooManyConversationsForTheUsersAreRefused() {
        assertThatThrownBy(() -> new Seeder.Layout("cold", 0, 10, 50, 1, 0)).hasMessageContaining("need more than 10 users");
        assertThatThrownBy(() -> new Seeder.Layout("cold", 0, 2, 1, 1, 0)).hasMessageContaining("at least 3 users");
    }
}
