package io.chatplatform.application.service;

import io.chatplatform.application.port.in.CountUnread;
import io.chatplatform.application.port.in.ListConversations;
import io.chatplatform.application.port.out.LoadInbox;
import io.chatplatform.domain.conversation.InboxEntry;
import io.chatplatform.domain.user.UserId;
import java.util.List;
import java.util.Objects;

/** A user's conversation list and unread counts. */
public final class InboxService implements ListConversations, CountUnread {

    private final LoadInbox loadInbox;

    public InboxService(LoadInbox loadInbox) {
        this.loadInbox = Objects.requireNonNull(loadInbox, "loadInbox");
    }

    @Override
    public List<InboxEntry> conversations(ListConversations.Query query) {
        return loadInbox.list(query.owner(), query.limit());
    }

    @Override
    public long unreadCount(UserId owner) {
        return loadInbox.totalUnread(owner);
    }
}
