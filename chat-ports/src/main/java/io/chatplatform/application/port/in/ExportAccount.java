package io.chatplatform.application.port.in;

import io.chatplatform.domain.conversation.InboxEntry;
import io.chatplatform.domain.message.Message;
import io.chatplatform.domain.session.Session;
import io.chatplatform.domain.user.Account;
import io.chatplatform.domain.user.UserId;
import java.util.List;

/**
 * Everything the service holds about the caller, handed to a {@link Sink} piece by piece as it is
 * read, a page at a time: the caller's memory, not the service's, decides how much is kept, so an
 * export of any size runs in constant memory.
 *
 * <p>Safe for concurrent use: the library's implementation may be called from any number of threads at once.
 */
public interface ExportAccount {

    /** Writes the caller's data to {@code sink}, in the sink's order; false when the account no longer exists (nothing was written). */
    boolean export(UserId caller, Sink sink);

    /**
     * Receives an export, in this order: {@link #profile}, {@link #sessions}, then per conversation
     * {@link #conversation}, its messages in pages, newest first ({@link #messages}, zero or more
     * calls), {@link #conversationEnd}; then {@link #end}. A sink that cannot write throws an
     * unchecked exception, which ends the export.
     */
    interface Sink {
        void profile(Account account);

        void sessions(List<Session> sessions);

        void conversation(InboxEntry entry);

        void messages(List<Message> page);

        void conversationEnd();

        void end();
    }
}
