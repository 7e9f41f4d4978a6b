package io.chatplatform.adapter.http.internal.view;

/** Where the caller's read marker stands after marking a conversation read. */
public record ConversationReadView(String message, long lastReadSeq, long unreadCount) {

    public static ConversationReadView marked(long lastReadSeq, long unreadCount) {
        return new ConversationReadView("Conversation marked as read", lastReadSeq, unreadCount);
    }
}
