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
