package io.chatplatform.application.port.out;

import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.message.HistoryPage;
import io.chatplatform.domain.message.Message;
import io.chatplatform.domain.message.MessageId;
import java.util.List;
import java.util.Optional;

/**
 * Reads messages. Every query names its conversation, except {@link #find(MessageId)}.
 *
 * <p>Implementations must be safe for concurrent use: the library calls them from request threads and
 * from threads of its own (live connections, timers), several at once.
 */
public interface LoadMessages {

    /**
     * A page of the conversation, newest first. A {@link HistoryPage#beforeId() cursor} that is not
     * a message of this conversation yields an empty page.
     */
    List<Message> page(ConversationId conversation, HistoryPage page);

    /** A message of this conversation. */
    Optional<Message> find(ConversationId conversation, MessageId id);

    /** A message by id alone, wherever it is stored. */
    Optional<Message> find(MessageId id);

    /** Up to {@code limit} messages of the conversation with a seq above {@code afterSeq}, oldest first. */
    List<Message> after(ConversationId conversation, long afterSeq, int limit);
}
