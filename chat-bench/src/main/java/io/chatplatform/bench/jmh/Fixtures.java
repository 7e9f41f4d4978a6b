package io.chatplatform.bench.jmh;

import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.message.Message;
import io.chatplatform.domain.message.MessageContent;
import io.chatplatform.domain.message.MessageId;
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
                    i % 5 == 0 ? Optional.of(io.chatplatform.domain.message.ClientMessageId.of("c-" + seq)) : Optional.empty()));
        }
        return page;
    }
}
