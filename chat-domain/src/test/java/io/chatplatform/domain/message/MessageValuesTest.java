package io.chatplatform.domain.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatplatform.domain.InvalidValueException;
import io.chatplatform.domain.user.UserId;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageValuesTest {

    private static final UserId ALICE = UserId.of(7);
    private static final UserId BOB = UserId.of(42);

    @Nested
    @DisplayName("a conversation id")
    class ConversationIds {
        @Test
        void is_the_same_whichever_participant_names_it() {
            assertThat(ConversationId.between(ALICE, BOB)).isEqualTo(ConversationId.between(BOB, ALICE));
            assertThat(ConversationId.between(BOB, ALICE).value()).isEqualTo("7:42");
        }

        @Test
        void knows_its_participants_and_each_ones_peer() {
            ConversationId id = ConversationId.between(BOB, ALICE);
            assertThat(id.low()).isEqualTo(ALICE);
            assertThat(id.high()).isEqualTo(BOB);
            assertThat(id.involves(ALICE)).isTrue();
            assertThat(id.involves(UserId.of(8))).isFalse();
            assertThat(id.peerOf(ALICE)).isEqualTo(BOB);
            assertThat(id.peerOf(BOB)).isEqualTo(ALICE);
            assertThatThrownBy(() -> id.peerOf(UserId.of(8))).hasMessageContaining("not in conversation");
        }

        @Test
        void tells_whether_it_is_between_two_users_in_either_order() {
            ConversationId id = ConversationId.between(ALICE, BOB);
            assertThat(id.isBetween(BOB, ALICE)).isTrue();
            assertThat(id.isBetween(ALICE, BOB)).isTrue();
            assertThat(id.isBetween(ALICE, ALICE)).isFalse();
            assertThat(id.isBetween(ALICE, UserId.of(43))).isFalse();
        }

        @Test
        void of_notes_to_self_has_the_user_on_both_sides() {
            ConversationId notes = ConversationId.between(ALICE, ALICE);
            assertThat(notes.value()).isEqualTo("7:7");
            assertThat(notes.peerOf(ALICE)).isEqualTo(ALICE);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "7", "7:", ":7", "42:7", "07:42", "7:42:1", "a:b", "0:1", "7:9007199254740992",
                "7:12345678901234567", "-1:2", "1:2 ", "1:+2"})
        void rejects_malformed_or_unordered_ids(String value) {
            assertThatThrownBy(() -> new ConversationId(value)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    @DisplayName("message content")
    class Contents {
        @Test
        void is_kept_exactly_as_sent() {
            String tricky = "  'quotes' \"double\" <b>html</b> ; DROP TABLE messages; -- 😀\n\ttabs  ";
            assertThat(MessageContent.of(tricky).value()).isEqualTo(tricky);
        }

        @Test
        void holds_up_to_4000_characters_counting_an_emoji_as_one() {
            assertThat(MessageContent.of("x".repeat(4000)).value()).hasSize(4000);
            assertThat(MessageContent.of("😀".repeat(4000)).value()).hasSize(8000);
            assertThatThrownBy(() -> MessageContent.of("x".repeat(4001)))
                    .isInstanceOfSatisfying(InvalidValueException.class, e -> {
                        assertThat(e.field()).isEqualTo("content");
                        assertThat(e.reason()).isEqualTo("must be at most 4000 characters");
                    });
        }

        @Test
        void must_say_something() {
            assertThatThrownBy(() -> MessageContent.of("")).hasMessageContaining("empty");
            assertThatThrownBy(() -> MessageContent.of(" \n\t ")).hasMessageContaining("empty");
            assertThatThrownBy(() -> MessageContent.of(null)).hasMessageContaining("required");
        }

        @Test
        void cannot_hold_what_the_database_cannot_store() {
            assertThatThrownBy(() -> MessageContent.of("a\u0000b")).hasMessageContaining("NUL");
            assertThatThrownBy(() -> MessageContent.of("a\uD83D")).hasMessageContaining("Unicode");
        }

        @Test
        void previews_whole_characters() {
            assertThat(MessageContent.of("short").preview(10)).isEqualTo("short");
            assertThat(MessageContent.of("😀😀😀").preview(2)).isEqualTo("😀😀");
            assertThatThrownBy(() -> MessageContent.of("x").preview(0)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void is_not_printed_in_logs() {
            assertThat(MessageContent.of("my secret").toString()).doesNotContain("secret").contains("9 chars");
        }
    }

    @Test
    void a_client_message_id_is_1_to_128_printable_characters() {
        assertThat(ClientMessageId.of("7f0c-uuid").toString()).isEqualTo("7f0c-uuid");
        assertThat(ClientMessageId.of("x".repeat(128)).value()).hasSize(128);
        assertThatThrownBy(() -> ClientMessageId.of("x".repeat(129))).hasMessageContaining("128");
        assertThatThrownBy(() -> ClientMessageId.of(" ")).hasMessageContaining("128");
        assertThatThrownBy(() -> ClientMessageId.of("a\nb")).hasMessageContaining("control");
    }

    @Test
    void a_client_message_id_counts_characters_as_code_points_as_the_api_document_does() {
        assertThat(ClientMessageId.of("🔑".repeat(128)).value()).hasSize(256);
        assertThatThrownBy(() -> ClientMessageId.of("🔑".repeat(129))).hasMessageContaining("1 to 128 characters");
    }

    @Test
    void a_message_id_is_positive_and_json_safe() {
        assertThat(MessageId.of(5)).isLessThan(MessageId.of(6));
        assertThat(MessageId.of(5).toString()).isEqualTo("5");
        assertThatThrownBy(() -> MessageId.of(0)).hasMessageContaining("message_id");
    }

    @Nested
    @DisplayName("a message")
    class Messages {
        private final Instant at = Instant.parse("2026-11-27T12:00:00Z");

        @Test
        void belongs_to_the_conversation_of_its_sender_and_recipient() {
            Message message = new Message(MessageId.of(1), ConversationId.between(ALICE, BOB), 1, ALICE, BOB,
                    MessageContent.of("hi"), at, Optional.empty());
            assertThat(message.isVisibleTo(ALICE)).isTrue();
            assertThat(message.isVisibleTo(BOB)).isTrue();
            assertThat(message.isVisibleTo(UserId.of(3))).isFalse();
            assertThatThrownBy(() -> new Message(MessageId.of(1), ConversationId.between(ALICE, UserId.of(3)), 1, ALICE,
                    BOB, MessageContent.of("hi"), at, Optional.empty())).hasMessageContaining("cannot belong");
        }

        @Test
        void has_a_seq_of_at_least_one() {
            assertThatThrownBy(() -> new Message(MessageId.of(1), ConversationId.between(ALICE, BOB), 0, ALICE, BOB,
                    MessageContent.of("hi"), at, Optional.empty())).hasMessageContaining("seq");
        }

        private Message sent() {
            return new Message(MessageId.of(1), ConversationId.between(ALICE, BOB), 3, ALICE, BOB, MessageContent.of("hi"),
                    at, Optional.of(ClientMessageId.of("c-1")));
        }

        private Message with(Optional<MessageContent> content, Optional<MessageId> replyTo, Optional<Instant> editedAt,
                             Optional<Instant> deletedAt, Reactions reactions) {
            return new Message(MessageId.of(1), ConversationId.between(ALICE, BOB), 3, ALICE, BOB, content, at,
                    Optional.empty(), replyTo, editedAt, deletedAt, reactions);
        }

        @Test
        void as_sent_is_not_edited_not_deleted_without_reactions_and_replies_to_nothing() {
            Message message = sent();
            assertThat(message.content()).contains(MessageContent.of("hi"));
            assertThat(message.isDeleted()).isFalse();
            assertThat(message.editedAt()).isEmpty();
            assertThat(message.deletedAt()).isEmpty();
            assertThat(message.replyTo()).isEmpty();
            assertThat(message.reactions()).isEqualTo(Reactions.none());
        }

        @Test
        void edited_has_the_new_content_and_the_time_of_the_edit_and_keeps_everything_else() {
            Message reacted = sent().replyingTo(Optional.of(MessageId.of(9)))
                    .withReactions(Reactions.none().with(BOB, Emoji.of("👍")));
            Message edited = reacted.edited(MessageContent.of("hi, Bob"), at.plusSeconds(30));
            assertThat(edited.content()).contains(MessageContent.of("hi, Bob"));
            assertThat(edited.editedAt()).contains(at.plusSeconds(30));
            assertThat(edited.seq()).isEqualTo(3);
            assertThat(edited.createdAt()).isEqualTo(at);
            assertThat(edited.replyTo()).contains(MessageId.of(9));
            assertThat(edited.reactions()).isEqualTo(reacted.reactions());
            assertThat(edited.clientMessageId()).contains(ClientMessageId.of("c-1"));
            assertThatThrownBy(() -> sent().edited(null, at)).isInstanceOf(NullPointerException.class);
        }

        @Test
        void a_tombstone_has_no_content_no_edit_time_and_no_reactions_but_keeps_seq_sender_recipient_time_and_reply() {
            Message before = sent().replyingTo(Optional.of(MessageId.of(9)))
                    .edited(MessageContent.of("hi again"), at.plusSeconds(10))
                    .withReactions(Reactions.none().with(BOB, Emoji.of("👍")));
            Message tombstone = before.deleted(at.plusSeconds(60));
            assertThat(tombstone.isDeleted()).isTrue();
            assertThat(tombstone.content()).isEmpty();
            assertThat(tombstone.editedAt()).isEmpty();
            assertThat(tombstone.reactions().isEmpty()).isTrue();
            assertThat(tombstone.deletedAt()).contains(at.plusSeconds(60));
            assertThat(tombstone.seq()).isEqualTo(3);
            assertThat(tombstone.senderId()).isEqualTo(ALICE);
            assertThat(tombstone.recipientId()).isEqualTo(BOB);
            assertThat(tombstone.createdAt()).isEqualTo(at);
            assertThat(tombstone.replyTo()).contains(MessageId.of(9));
            assertThat(tombstone.isVisibleTo(BOB)).isTrue();
        }

        @Test
        void has_content_exactly_until_it_is_deleted() {
            assertThatThrownBy(() -> with(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Reactions.none())).hasMessageContaining("content exactly until it is deleted");
            assertThatThrownBy(() -> with(Optional.of(MessageContent.of("hi")), Optional.empty(), Optional.empty(),
                    Optional.of(at), Reactions.none())).hasMessageContaining("content exactly until it is deleted");
        }

        @Test
        void a_tombstone_cannot_carry_an_edit_time_or_reactions() {
            assertThatThrownBy(() -> with(Optional.empty(), Optional.empty(), Optional.of(at), Optional.of(at),
                    Reactions.none())).hasMessageContaining("keeps no edit time and no reactions");
            assertThatThrownBy(() -> with(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(at),
                    Reactions.none().with(BOB, Emoji.of("👍")))).hasMessageContaining("keeps no edit time and no reactions");
            assertThatThrownBy(() -> sent().deleted(at).withReactions(Reactions.none().with(BOB, Emoji.of("👍"))))
                    .hasMessageContaining("keeps no edit time and no reactions");
            assertThatThrownBy(() -> sent().deleted(at).edited(MessageContent.of("back"), at))
                    .hasMessageContaining("content exactly until it is deleted");
        }

        @Test
        void cannot_reply_to_itself() {
            assertThatThrownBy(() -> sent().replyingTo(Optional.of(MessageId.of(1))))
                    .hasMessageContaining("message 1 cannot reply to itself");
            assertThatThrownBy(() -> with(Optional.of(MessageContent.of("hi")), Optional.of(MessageId.of(1)),
                    Optional.empty(), Optional.empty(), Reactions.none())).hasMessageContaining("cannot reply to itself");
            assertThat(sent().replyingTo(Optional.of(MessageId.of(2))).replyTo()).contains(MessageId.of(2));
            assertThat(sent().replyingTo(Optional.empty()).replyTo()).isEmpty();
        }

        @Test
        void names_every_part() {
            assertThatThrownBy(() -> with(null, Optional.empty(), Optional.empty(), Optional.empty(), Reactions.none()))
                    .hasMessageContaining("content");
            assertThatThrownBy(() -> with(Optional.of(MessageContent.of("hi")), null, Optional.empty(), Optional.empty(),
                    Reactions.none())).hasMessageContaining("replyTo");
            assertThatThrownBy(() -> with(Optional.of(MessageContent.of("hi")), Optional.empty(), null, Optional.empty(),
                    Reactions.none())).hasMessageContaining("editedAt");
            assertThatThrownBy(() -> with(Optional.of(MessageContent.of("hi")), Optional.empty(), Optional.empty(), null,
                    Reactions.none())).hasMessageContaining("deletedAt");
            assertThatThrownBy(() -> with(Optional.of(MessageContent.of("hi")), Optional.empty(), Optional.empty(),
                    Optional.empty(), null)).hasMessageContaining("reactions");
        }
    }

    @Test
    void an_earlier_version_has_its_text_and_when_an_edit_made_it_the_text() {
        EarlierVersion original = new EarlierVersion(MessageContent.of("first"), Optional.empty());
        assertThat(original.editedAt()).isEmpty();
        assertThatThrownBy(() -> new EarlierVersion(null, Optional.empty())).hasMessageContaining("content");
        assertThatThrownBy(() -> new EarlierVersion(MessageContent.of("x"), null)).hasMessageContaining("editedAt");
    }

    @Test
    void a_history_page_is_bounded() {
        assertThat(HistoryPage.newest()).isEqualTo(new HistoryPage(50, 0, Optional.empty()));
        assertThat(HistoryPage.before(MessageId.of(9), 10).beforeId()).contains(MessageId.of(9));
        assertThatThrownBy(() -> new HistoryPage(0, 0, Optional.empty()))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("limit"));
        assertThatThrownBy(() -> new HistoryPage(101, 0, Optional.empty())).hasMessageContaining("limit");
        assertThatThrownBy(() -> new HistoryPage(10, -1, Optional.empty()))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("offset"));
        assertThatThrownBy(() -> new HistoryPage(10, 10_001, Optional.empty())).hasMessageContaining("offset");
    }
}
