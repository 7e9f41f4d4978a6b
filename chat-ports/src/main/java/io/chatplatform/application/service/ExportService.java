package io.chatplatform.application.service;

import io.chatplatform.application.port.in.ExportAccount;
import io.chatplatform.application.port.out.LoadInbox;
import io.chatplatform.application.port.out.LoadMessages;
import io.chatplatform.application.port.out.LoadUser;
import io.chatplatform.application.port.out.SessionStore;
import io.chatplatform.domain.conversation.InboxEntry;
import io.chatplatform.domain.message.HistoryPage;
import io.chatplatform.domain.message.Message;
import io.chatplatform.domain.user.Account;
import io.chatplatform.domain.user.UserId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The export: reads the caller's data a page at a time and hands each page to the sink before
 * reading the next, so at most one page of conversations and one page of messages are held,
 * whatever the account's size. It reads the stores directly, not through the cache: an export
 * would only push everyone else's hot entries out.
 */
public final class ExportService implements ExportAccount {

    /** Conversations per read of the list. */
    static final int CONVERSATION_PAGE = 100;
    /** Messages per read of a history. */
    static final int MESSAGE_PAGE = HistoryPage.MAX_LIMIT;

    private final LoadUser users;
    private final SessionStore sessions;
    private final LoadInbox inbox;
    private final LoadMessages messages;

    public ExportService(LoadUser users, SessionStore sessions, LoadInbox inbox, LoadMessages messages) {
        this.users = Objects.requireNonNull(users, "users");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.inbox = Objects.requireNonNull(inbox, "inbox");
        this.messages = Objects.requireNonNull(messages, "messages");
    }

    @Override
    public boolean export(UserId caller, Sink sink) {
        Optional<Account> account = users.accountById(caller);
        if (account.isEmpty()) {
            return false;
        }
        sink.profile(account.get());
        sink.sessions(sessions.list(caller));
        Optional<UserId> after = Optional.empty();
        while (true) {
            List<InboxEntry> page = inbox.byPeer(caller, after, CONVERSATION_PAGE);
            for (InboxEntry entry : page) {
                sink.conversation(entry);
                exportHistory(caller, entry, sink);
                sink.conversationEnd();
            }
            if (page.size() < CONVERSATION_PAGE) {
                break;
            }
            after = Optional.of(page.get(page.size() - 1).peer());
        }
        sink.end();
        return true;
    }

    private void exportHistory(UserId caller, InboxEntry entry, Sink sink) {
        HistoryPage page = new HistoryPage(MESSAGE_PAGE, 0, Optional.empty());
        while (true) {
            List<Message> batch = messages.page(entry.conversationId(), caller, page);
            if (!batch.isEmpty()) {
                sink.messages(batch);
            }
            if (batch.size() < MESSAGE_PAGE) {
                return;
            }
            page = HistoryPage.before(batch.get(batch.size() - 1).id(), MESSAGE_PAGE);
        }
    }
}
