package io.chatplatform.domain.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatplatform.domain.event.ActivityRecorded;
import io.chatplatform.domain.event.MessageSent;
import io.chatplatform.domain.event.MessagesRead;
import io.chatplatform.domain.event.ProfileChanged;
import io.chatplatform.domain.event.UserRegistered;
import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.message.Message;
import io.chatplatform.domain.message.MessageContent;
import io.chatplatform.domain.message.MessageId;
import io.chatplatform.domain.user.UserId;
import io.chatplatform.domain.user.Username;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class InvalidationPolicyTest {

    private static final UserId ALICE = UserId.of(1);
    private static final UserId BOB = UserId.of(2);
    private static final Instant AT = Instant.parse("2026-11-27T12:00:00Z");

    private static Message message(UserId from, UserId to) {
        return new Message(MessageId.of(10), ConversationId.between(from, to), 3, from, to, MessageContent.of("hi"), AT,
                Optional.empty());
    }

    @Test
    @DisplayName("a sent message makes the conversation's pages and both participants' lists stale")
    void message_sent() {
        assertThat(InvalidationPolicy.staleAfter(new MessageSent(message(ALICE, BOB)))).containsExactlyInAnyOrder(
                CacheScope.conversation(ConversationId.between(ALICE, BOB)), CacheScope.inbox(ALICE), CacheScope.inbox(BOB));
    }

    @Test
    @DisplayName("a note to self makes its conversation and one inbox stale")
    void note_to_self() {
        assertThat(InvalidationPolicy.staleAfter(new MessageSent(message(ALICE, ALICE)))).containsExactlyInAnyOrder(
                CacheScope.conversation(ConversationId.between(ALICE, ALICE)), CacheScope.inbox(ALICE));
    }

    @Test
    @DisplayName("reading makes only the reader's list stale: pages hold no read state")
    void messages_read() {
        var read = new MessagesRead(ConversationId.between(ALICE, BOB), BOB, 3, 0);
        assertThat(InvalidationPolicy.staleAfter(read)).containsExactly(CacheScope.inbox(BOB));
    }

    @Test
    @DisplayName("a profile change and recorded activity make the account stale; a registration nothing")
    void accounts() {
        assertThat(InvalidationPolicy.staleAfter(new ProfileChanged(ALICE))).containsExactly(CacheScope.account(ALICE));
        assertThat(InvalidationPolicy.staleAfter(new ActivityRecorded(ALICE, AT))).containsExactly(CacheScope.account(ALICE));
        assertThat(InvalidationPolicy.staleAfter(new UserRegistered(ALICE, Username.of("alice")))).isEmpty();
    }

    @Test
    @DisplayName("scopes have distinct, stable names")
    void scope_names() {
        assertThat(CacheScope.conversation(ConversationId.between(BOB, ALICE)).name()).isEqualTo("conv:1:2");
        assertThat(CacheScope.inbox(ALICE).name()).isEqualTo("inbox:1");
        assertThat(CacheScope.account(ALICE).name()).isEqualTo("user:1");
        assertThatThrownBy(() -> CacheScope.inbox(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> CacheScope.account(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> CacheScope.conversation(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    @DisplayName("lifetimes default per type, can be overridden, and must be positive")
    void ttls() {
        CacheTtls defaults = CacheTtls.defaults();
        assertThat(defaults.of(CacheType.PROFILE)).isEqualTo(Duration.ofMinutes(30));
        assertThat(defaults.of(CacheType.HISTORY_PAGE)).isEqualTo(Duration.ofMinutes(10));
        assertThat(defaults.of(CacheType.MESSAGE)).isEqualTo(Duration.ofMinutes(5));
        assertThat(defaults.longest()).isEqualTo(Duration.ofMinutes(30));
        CacheTtls custom = new CacheTtls(Map.of(CacheType.MESSAGE, Duration.ofHours(2)));
        assertThat(custom.of(CacheType.MESSAGE)).isEqualTo(Duration.ofHours(2));
        assertThat(custom.longest()).isEqualTo(Duration.ofHours(2));
        assertThat(custom.with(CacheType.MESSAGE, Duration.ofSeconds(1)).of(CacheType.MESSAGE)).isEqualTo(Duration.ofSeconds(1));
        assertThatThrownBy(() -> defaults.with(CacheType.PROFILE, Duration.ZERO)).hasMessageContaining("profile must be positive");
    }

    @Test
    @DisplayName("cache types are found by their label")
    void labels() {
        assertThat(CacheType.ofLabel("history")).isEqualTo(CacheType.HISTORY_PAGE);
        assertThat(CacheType.UNREAD_COUNT.label()).isEqualTo("unread");
        assertThatThrownBy(() -> CacheType.ofLabel("nope")).hasMessageContaining("nope");
    }
}
