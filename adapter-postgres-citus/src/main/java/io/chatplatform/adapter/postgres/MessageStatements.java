package io.chatplatform.adapter.postgres;

import java.util.List;

/**
 * The message store's hot statements, exactly as it runs them, for tools that must run the same
 * SQL without the service: chat-bench turns them into the pgbench scripts of its ceilings
 * ({@code pgbench-scripts}), so the ceiling cannot drift from the code it is the ceiling of. The
 * text keeps Jdbi's named parameters ({@code :cid}, {@code :seq}, ...).
 */
public final class MessageStatements {

    /**
     * One send without a client message id, in the order {@link PostgresMessageStore#append} runs
     * them in one transaction: advance the conversation (returns {@code last_seq} and
     * {@code last_change_seq}, the message's seq and position), insert the message (returns its
     * columns; {@code :replyToId} may be NULL), its location, the sender's and the recipient's
     * list rows.
     */
    public static final List<String> SEND_TRANSACTION = List.of(Sql.ADVANCE_CONVERSATION, Sql.INSERT_MESSAGE,
            Sql.INSERT_MESSAGE_LOCATION, Sql.UPSERT_SENDER_INBOX, Sql.UPSERT_RECIPIENT_INBOX);

    /**
     * The newest page of a conversation as {@code :reader} sees it ({@code :limit} messages from
     * {@code :offset}), newest first.
     */
    public static final String NEWEST_PAGE = Sql.PAGE_NEWEST;

    private MessageStatements() {
    }
}
