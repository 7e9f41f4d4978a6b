package io.chatplatform.bench.jmh;

import io.chatplatform.domain.message.ClientMessageId;
import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.message.Emoji;
import io.chatplatform.domain.message.Message;
import io.chatplatform.domain.message.MessageContent;
import io.chatplatform.domain.message.MessageId;
import io.chatplatform.domain.message.Reactions;
import io.chatplatform.domain.user.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Data shaped like the service's: a history page of 50 messages of about 80 characters between two users. */
final class Fixtures {

    static final UserId ALICE = UserId.of(1_000_042);
    static final UserId BOB = UserId.of(1_000_007);
    static final ConversationId CONVERSATION = ConversationId.between(ALICE, BOB);

    private static final Emoji THUMBS_UP = Emoji.of("👍");
    private static final Emoji THUMBS_UP_MEDIUM = Emoji.of("👍🏽");
    private static final Emoji FAMILY = Emoji.of("👩‍👩‍👧‍👦");

    private Fixtures() {
    }

    /** The newest page: seqs 250 down to 201, alternating senders, timestamps with millisecond precision. */
    static List<Message> page(int size) {
        List<Message> page = new ArrayList<>(size);
        Instant t = Instant.parse("2026-11-27T14:31:05.123Z");
        for (int i = 0; i < size; i++) {
            long seq = 250 - i;
            boolean fromAlice = i % 2 == 0;
            String content = "message " + seq + " lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod";
            page.add(new Message(MessageId.of(5_000_000 + seq), CONVERSATION, seq, fromAlice ? ALICE : BOB,
                    fromAlice ? BOB : ALICE, MessageContent.of(content), t.minusSeconds(i * 7L),
                    i % 5 == 0 ? Optional.of(ClientMessageId.of("c-" + seq)) : Optional.empty()));
        }
        return page;
    }

    /**
     * {@link #page} as a busy conversation leaves it after issue 11: every fourth message answers
     * the one before it, every fifth was edited, every third carries reactions (one emoji by one
     * user, or three by both), and one message in ten is a tombstone.
     */
    static List<Message> changedPage(int size) {
        List<Message> page = new ArrayList<>(size);
        for (Message message : page(size)) {
            int i = (int) (250 - message.seq());
            Message changed = message;
            if (i % 4 == 1) {
                changed = changed.replyingTo(Optional.of(MessageId.of(message.id().value() - 1)));
            }
            if (i % 5 == 2) {
                changed = changed.edited(MessageContent.of(message.content().orElseThrow().value() + " (edited)"),
                        message.createdAt().plusSeconds(30));
            }
            if (i % 3 == 0) {
                changed = changed.withReactions(i % 2 == 0 ? Reactions.none().with(BOB, THUMBS_UP)
                        : Reactions.none().with(ALICE, THUMBS_UP_MEDIUM).with(BOB, THUMBS_UP_MEDIUM)
                                .with(ALICE, FAMILY).with(BOB, THUMBS_UP));
            }
            if (i % 10 == 7) {
                changed = changed.deleted(message.createdAt().plusSeconds(60));
            }
            page.add(changed);
        }
        return page;
    }
}
