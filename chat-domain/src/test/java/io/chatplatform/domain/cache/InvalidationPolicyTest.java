package io.chatplatform.domain.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatplatform.domain.event.AccountErased;
import io.chatplatform.domain.event.ActivityRecorded;
import io.chatplatform.domain.event.BlockChanged;
import io.chatplatform.domain.event.ContentErased;
import io.chatplatform.domain.event.SessionsEnded;
import io.chatplatform.domain.session.SessionId;
import java.util.List;
import java.util.Set;
import io.chatplatform.domain.event.ConversationChanged;
import io.chatplatform.domain.event.MessageSent;
import io.chatplatform.domain.event.MessagesRead;
import io.chatplatform.domain.event.ProfileChanged;
import io.chatplatform.domain.event.UserRegistered;
import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.message.Emoji;
import io.chatplatform.domain.message.Message;
import io.chatplatform.domain.message.MessageContent;
import io.chatplatform.domain.message.MessageId;
import io.chatplatform.domain.message.Reactions;
import io.chatplatform.domain.realtime.DeliveryMarkerMoved;
import io.chatplatform.domain.realtime.MessageDeleted;
import io.chatplatform.domain.realtime.MessageEdited;
import io.chatplatform.domain.realtime.ReactionUpdated;
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

    private static final ConversationId CONVERSATION = ConversationId.between(ALICE, BOB);
    private static final ConversationId NOTES = ConversationId.between(ALICE, ALICE);

    @Test
    @DisplayName("a sent message makes both participants' history pages and lists stale, nothing else")
    void message_sent() {
        assertThat(InvalidationPolicy.staleAfter(new MessageSent(message(ALICE, BOB), 7))).containsExactlyInAnyOrder(
                CacheScope.history(CONVERSATION, ALICE), CacheScope.history(CONVERSATION, BOB),
                CacheScope.inbox(ALICE), CacheScope.inbox(BOB));
    }

    @Test
    @DisplayName("a note to self makes its one history and one inbox stale")
    void note_to_self() {
        assertThat(InvalidationPolicy.staleAfter(new MessageSent(message(ALICE, ALICE), 3))).containsExactlyInAnyOrder(
                CacheScope.history(NOTES, ALICE), CacheScope.inbox(ALICE));
    }

    @Test
    @DisplayName("reading makes both lists stale (the reader's unread count, the peer's read ticks and position); pages hold no read state")
    void messages_read() {
        var read = new MessagesRead(CONVERSATION, BOB, 3, 0, 9);
        assertThat(InvalidationPolicy.staleAfter(read)).containsExactlyInAnyOrder(CacheScope.inbox(ALICE),
                CacheScope.inbox(BOB));
    }

    @Test
    @DisplayName("an edit makes both histories, both lists and the message itself stale")
    void edited() {
        Message edited = message(ALICE, BOB).edited(MessageContent.of("hi!"), AT.plusSeconds(5));
        assertThat(InvalidationPolicy.staleAfter(new ConversationChanged(new MessageEdited(edited, 8))))
                .containsExactlyInAnyOrder(CacheScope.history(CONVERSATION, ALICE), CacheScope.history(CONVERSATION, BOB),
                        CacheScope.inbox(ALICE), CacheScope.inbox(BOB), CacheScope.message(MessageId.of(10)));
    }

    @Test
    @DisplayName("a deletion for everyone makes both histories, both lists and the message itself stale")
    void deleted_for_everyone() {
        Message tombstone = message(ALICE, BOB).deleted(AT.plusSeconds(5));
        assertThat(InvalidationPolicy.staleAfter(new ConversationChanged(new MessageDeleted(tombstone, Optional.empty(), 8))))
                .containsExactlyInAnyOrder(CacheScope.history(CONVERSATION, ALICE), CacheScope.history(CONVERSATION, BOB),
                        CacheScope.inbox(ALICE), CacheScope.inbox(BOB), CacheScope.message(MessageId.of(10)));
    }

    @Test
    @DisplayName("a deletion for me makes only the hider's history and list stale: the message and the peer's view are unchanged")
    void deleted_for_me() {
        assertThat(InvalidationPolicy.staleAfter(new ConversationChanged(
                new MessageDeleted(message(ALICE, BOB), Optional.of(BOB), 8))))
                .containsExactlyInAnyOrder(CacheScope.history(CONVERSATION, BOB), CacheScope.inbox(BOB));
        assertThat(InvalidationPolicy.staleAfter(new ConversationChanged(
                new MessageDeleted(message(ALICE, BOB), Optional.of(ALICE), 8))))
                .containsExactlyInAnyOrder(CacheScope.history(CONVERSATION, ALICE), CacheScope.inbox(ALICE));
        // hiding a tombstone: still only the hider's
        assertThat(InvalidationPolicy.staleAfter(new ConversationChanged(
                new MessageDeleted(message(ALICE, BOB).deleted(AT), Optional.of(BOB), 9))))
                .containsExactlyInAnyOrder(CacheScope.history(CONVERSATION, BOB), CacheScope.inbox(BOB));
    }

    @Test
    @DisplayName("a reaction, added or taken back, makes both histories, both lists and the message itself stale")
    void reacted() {
        Message reacted = message(ALICE, BOB).withReactions(Reactions.none().with(BOB, Emoji.of("👍")));
        var stale = new CacheScope[] {CacheScope.history(CONVERSATION, ALICE), CacheScope.history(CONVERSATION, BOB),
                CacheScope.inbox(ALICE), CacheScope.inbox(BOB), CacheScope.message(MessageId.of(10))};
        assertThat(InvalidationPolicy.staleAfter(new ConversationChanged(new ReactionUpdated(reacted, BOB, 8))))
                .containsExactlyInAnyOrder(stale);
        assertThat(InvalidationPolicy.staleAfter(new ConversationChanged(new ReactionUpdated(message(ALICE, BOB), BOB, 9))))
                .containsExactlyInAnyOrder(stale);
    }

    @Test
    @DisplayName("a delivery makes both lists stale (the sender's ticks, both positions), no page nor message")
    void delivered() {
        assertThat(InvalidationPolicy.staleAfter(new ConversationChanged(new DeliveryMarkerMoved(CONVERSATION, BOB, 3, 8))))
                .containsExactlyInAnyOrder(CacheScope.inbox(ALICE), CacheScope.inbox(BOB));
    }

    @Test
    @DisplayName("changes in notes to self make the one history and inbox stale")
    void changes_in_notes_to_self() {
        Message note = message(ALICE, ALICE);
        assertThat(InvalidationPolicy.staleAfter(new ConversationChanged(
                new MessageEdited(note.edited(MessageContent.of("x"), AT), 4))))
                .containsExactlyInAnyOrder(CacheScope.history(NOTES, ALICE), CacheScope.inbox(ALICE),
                        CacheScope.message(MessageId.of(10)));
        assertThat(InvalidationPolicy.staleAfter(new ConversationChanged(new MessageDeleted(note, Optional.of(ALICE), 5))))
                .containsExactlyInAnyOrder(CacheScope.history(NOTES, ALICE), CacheScope.inbox(ALICE));
    }

    @Test
    @DisplayName("a profile change and recorded activity make the account stale; a registration nothing")
    void accounts() {
        assertThat(InvalidationPolicy.staleAfter(new ProfileChanged(ALICE))).containsExactly(CacheScope.account(ALICE));
        assertThat(InvalidationPolicy.staleAfter(new ActivityRecorded(ALICE, AT))).containsExactly(CacheScope.account(ALICE));
        assertThat(InvalidationPolicy.staleAfter(new UserRegistered(ALICE, Username.of("alice")))).isEmpty();
    }

    @Test
    @DisplayName("ended sessions make each of them stale (their tokens are refused at once), nothing else")
    void sessions_ended() {
        assertThat(InvalidationPolicy.staleAfter(new SessionsEnded(ALICE, Set.of(SessionId.of(7), SessionId.of(8)))))
                .containsExactlyInAnyOrder(CacheScope.session(SessionId.of(7)), CacheScope.session(SessionId.of(8)));
    }

    @Test
    @DisplayName("a block, made or lifted, makes both users' block lists stale: each holds both directions")
    void block_changed() {
        var both = new CacheScope[] {CacheScope.blocks(ALICE), CacheScope.blocks(BOB)};
        assertThat(InvalidationPolicy.staleAfter(new BlockChanged(ALICE, BOB, true))).containsExactlyInAnyOrder(both);
        assertThat(InvalidationPolicy.staleAfter(new BlockChanged(BOB, ALICE, false))).containsExactlyInAnyOrder(both);
    }

    @Test
    @DisplayName("an erased account makes its account, list and block list stale")
    void account_erased() {
        assertThat(InvalidationPolicy.staleAfter(new AccountErased(ALICE))).containsExactlyInAnyOrder(
                CacheScope.account(ALICE), CacheScope.inbox(ALICE), CacheScope.blocks(ALICE));
    }

    @Test
    @DisplayName("erased content makes both histories, the peer's list and each erased message stale")
    void content_erased() {
        assertThat(InvalidationPolicy.staleAfter(new ContentErased(ALICE, CONVERSATION,
                List.of(MessageId.of(10), MessageId.of(11))))).containsExactlyInAnyOrder(
                CacheScope.history(CONVERSATION, ALICE), CacheScope.history(CONVERSATION, BOB), CacheScope.inbox(BOB),
                CacheScope.message(MessageId.of(10)), CacheScope.message(MessageId.of(11)));
        // a conversation done without any text left to erase still changes the peer's line (deleted_user)
        assertThat(InvalidationPolicy.staleAfter(new ContentErased(BOB, CONVERSATION, List.of())))
                .containsExactlyInAnyOrder(CacheScope.history(CONVERSATION, ALICE), CacheScope.history(CONVERSATION, BOB),
                        CacheScope.inbox(ALICE));
        assertThat(InvalidationPolicy.staleAfter(new ContentErased(ALICE, NOTES, List.of(MessageId.of(12)))))
                .containsExactlyInAnyOrder(CacheScope.history(NOTES, ALICE), CacheScope.inbox(ALICE),
                        CacheScope.message(MessageId.of(12)));
    }

    @Test
    @DisplayName("scopes have distinct, stable names")
    void scope_names() {
        assertThat(CacheScope.history(ConversationId.between(BOB, ALICE), ALICE).name()).isEqualTo("conv:1:2:1");
        assertThat(CacheScope.history(ConversationId.between(BOB, ALICE), BOB).name()).isEqualTo("conv:1:2:2");
        assertThat(CacheScope.message(MessageId.of(10)).name()).isEqualTo("msg:10");
        assertThat(CacheScope.inbox(ALICE).name()).isEqualTo("inbox:1");
        assertThat(CacheScope.account(ALICE).name()).isEqualTo("user:1");
        assertThat(CacheScope.session(SessionId.of(7)).name()).isEqualTo("session:7");
        assertThat(CacheScope.blocks(ALICE).name()).isEqualTo("blocks:1");
        assertThatThrownBy(() -> CacheScope.session(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> CacheScope.blocks(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> CacheScope.inbox(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> CacheScope.account(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> CacheScope.history(null, ALICE)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> CacheScope.history(CONVERSATION, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> CacheScope.message(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> CacheScope.history(CONVERSATION, UserId.of(3))).hasMessageContaining("has no history");
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
