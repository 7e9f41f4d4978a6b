package io.chatplatform.domain.realtime;

/**
 * The kinds of live event, each with the name clients see in a frame's {@code type} and metrics
 * see as a label. A bounded set: every {@link LiveEvent} names its own, so a new event cannot fall
 * back to someone else's name.
 */
public enum LiveEventType {

    /** {@link MessageCreated}. */
    MESSAGE_CREATED("message.created"),
    /** {@link MessageEdited}. */
    MESSAGE_UPDATED("message.updated"),
    /** {@link MessageDeleted}. */
    MESSAGE_DELETED("message.deleted"),
    /** {@link ReactionUpdated}. */
    REACTION_UPDATED("reaction.updated"),
    /** {@link ReadMarkerMoved}. */
    MESSAGE_READ("message.read"),
    /** {@link DeliveryMarkerMoved}. */
    MESSAGE_DELIVERED("message.delivered"),
    /** {@link Typing}. */
    TYPING("typing"),
    /** {@link PresenceChanged}. */
    PRESENCE("presence"),
    /** {@link SessionsRevoked}: closes connections, never sent as a frame. */
    SESSION_REVOKED("session.revoked");

    private final String wireName;

    LiveEventType(String wireName) {
        this.wireName = wireName;
    }

    /** The name of the type on the wire ({@code "message.created"}, ...). */
    public String wireName() {
        return wireName;
    }
}
