package io.chatplatform.application.port.in;

import io.chatplatform.domain.user.UserId;

/**
 * Records that a message reached a session of its recipient: a WebSocket client acknowledged it,
 * or a history read returned it. Delivery is a marker per conversation, like reading: a message
 * received marks everything before it received as well.
 *
 * <p>Safe for concurrent use: the library's implementation may be called from any number of threads at once.
 */
public interface MarkDelivered {

    /**
     * Some session of {@code recipient} received the messages of the conversation with
     * {@code peer} up to seq {@code upToSeq}. Nothing happens when the marker stands there already,
     * or when there is no such conversation; the peer's messages only count (in notes to self
     * nothing is delivered to anyone else).
     */
    void markDelivered(UserId recipient, UserId peer, long upToSeq);
}
