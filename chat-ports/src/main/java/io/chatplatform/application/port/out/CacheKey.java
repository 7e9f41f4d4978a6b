package io.chatplatform.application.port.out;

import io.chatplatform.domain.block.BlockList;
import io.chatplatform.domain.cache.CacheScope;
import io.chatplatform.domain.cache.CacheType;
import io.chatplatform.domain.conversation.InboxEntry;
import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.message.HistoryPage;
import io.chatplatform.domain.message.Message;
import io.chatplatform.domain.message.MessageId;
import io.chatplatform.domain.session.SessionId;
import io.chatplatform.domain.user.Account;
import io.chatplatform.domain.user.UserId;
import io.chatplatform.domain.user.Username;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Names one cached read result. The {@link #type()} fixes the value's Java type {@code V} (made
 * only by the factories here, so the two cannot disagree); the {@link #id()} is unique within the
 * type; an entry with a {@link #scope()} lives in that scope's current generation.
 *
 * @param <V> the type of the cached value
 */
public record CacheKey<V>(CacheType type, String id, Optional<CacheScope> scope) {

    public CacheKey {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(scope, "scope");
        if (id.isEmpty()) {
            throw new IllegalArgumentException("cache key id must not be empty");
        }
    }

    /** A user's account, stale when the account changes. */
    public static CacheKey<Account> account(UserId user) {
        return new CacheKey<>(CacheType.PROFILE, Long.toString(user.value()), Optional.of(CacheScope.account(user)));
    }

    /** The id of the user with this username (compared ignoring case); usernames never change. */
    public static CacheKey<UserId> username(Username username) {
        return new CacheKey<>(CacheType.USERNAME, username.canonical(), Optional.empty());
    }

    /** One page of a conversation as {@code reader} sees it, stale with the next change they can see. */
    public static CacheKey<List<Message>> historyPage(ConversationId conversation, UserId reader, HistoryPage page) {
        String id = conversation.value() + ":" + reader.value() + ":" + page.limit() + ":" + page.offset() + ":"
                + page.beforeId().map(before -> Long.toString(before.value())).orElse("-");
        return new CacheKey<>(CacheType.HISTORY_PAGE, id, Optional.of(CacheScope.history(conversation, reader)));
    }

    /** A message by id, stale when it is edited, deleted or reacted to. */
    public static CacheKey<Message> message(MessageId id) {
        return new CacheKey<>(CacheType.MESSAGE, Long.toString(id.value()), Optional.of(CacheScope.message(id)));
    }

    /** The first {@code limit} lines of a user's conversation list. */
    public static CacheKey<List<InboxEntry>> conversationList(UserId owner, int limit) {
        return new CacheKey<>(CacheType.CONVERSATION_LIST, owner.value() + ":" + limit,
                Optional.of(CacheScope.inbox(owner)));
    }

    /** Whether a login session is active: stale when it ends. */
    public static CacheKey<Boolean> sessionActive(UserId user, SessionId session) {
        return new CacheKey<>(CacheType.SESSION, user.value() + ":" + session.value(), Optional.of(CacheScope.session(session)));
    }

    /** A user's block list, both directions: stale when either side blocks or unblocks. */
    public static CacheKey<BlockList> blocks(UserId user) {
        return new CacheKey<>(CacheType.BLOCKS, Long.toString(user.value()), Optional.of(CacheScope.blocks(user)));
    }

    /** A user's total unread count. */
    public static CacheKey<Long> unreadCount(UserId owner) {
        return new CacheKey<>(CacheType.UNREAD_COUNT, Long.toString(owner.value()), Optional.of(CacheScope.inbox(owner)));
    }
}
