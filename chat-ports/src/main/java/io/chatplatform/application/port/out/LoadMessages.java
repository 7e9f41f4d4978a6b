package io.chatplatform.application.port.out;

import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.message.EarlierVersion;
import io.chatplatform.domain.message.HistoryPage;
import io.chatplatform.domain.message.Message;
import io.chatplatform.domain.message.MessageId;
import io.chatplatform.domain.user.UserId;
import java.util.List;
import java.util.Optional;

/**
 * Reads messages as they stand now: edited, deleted for everyone (tombstones), with their
 * reactions. Every query names its conversation, except {@link #find(MessageId)}.
 *
 * <p>Implementations must be safe for concurrent use: the library calls them from request threads and
 * from threads of its own (live connections, timers), several at once.
 */
public interface LoadMessages {

    /**
     * A page of the conversation as {@code reader} sees it, newest first: tombstones included,
     * messages the reader hid for themself left out. A {@link HistoryPage#beforeId() cursor} that
     * is not a message of this conversation yields an empty page.
     */
    List<Message> page(ConversationId conversation, UserId reader, HistoryPage page);

    /** A message of this conversation (also one a participant hid for themself). */
    Optional<Message> find(ConversationId conversation, MessageId id);

    /** A message by id alone, wherever it is stored. */
    Optional<Message> find(MessageId id);

    /**
     * The texts a message of this conversation had before its edits, oldest first (the text it was
     * sent with first); empty when it was never edited, was deleted for everyone, or is not there.
     */
    List<EarlierVersion> earlierVersions(ConversationId conversation, MessageId id);
}
