package io.chatplatform.application.cache;

import io.chatplatform.application.port.out.CacheKey;
import io.chatplatform.application.port.out.LoadMessages;
import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.message.EarlierVersion;
import io.chatplatform.domain.message.HistoryPage;
import io.chatplatform.domain.message.Message;
import io.chatplatform.domain.message.MessageId;
import io.chatplatform.domain.user.UserId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Message reads through the cache. */
final class CachedMessageReads implements LoadMessages {

    private final LoadMessages messages;
    private final ReadThrough cache;

    CachedMessageReads(LoadMessages messages, ReadThrough cache) {
        this.messages = Objects.requireNonNull(messages, "messages");
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    @Override
    public List<Message> page(ConversationId conversation, UserId reader, HistoryPage page) {
        return cache.get(CacheKey.historyPage(conversation, reader, page), () -> messages.page(conversation, reader, page));
    }

    @Override
    public Optional<Message> find(ConversationId conversation, MessageId id) {
        // cached by id alone: the conversation is checked on the way out
        return cache.getOptional(CacheKey.message(id), () -> messages.find(conversation, id))
                .filter(message -> message.conversationId().equals(conversation));
    }

    @Override
    public Optional<Message> find(MessageId id) {
        return cache.getOptional(CacheKey.message(id), () -> messages.find(id));
    }

    /** Straight from the store: asked for when someone opens a message's edit history, rarely. */
    @Override
    public List<EarlierVersion> earlierVersions(ConversationId conversation, MessageId id) {
        return messages.earlierVersions(conversation, id);
    }
}
