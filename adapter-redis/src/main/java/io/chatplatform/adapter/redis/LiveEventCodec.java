package io.chatplatform.adapter.redis;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.realtime.DeliveryMarkerMoved;
import io.chatplatform.domain.realtime.LiveEvent;
import io.chatplatform.domain.realtime.MessageCreated;
import io.chatplatform.domain.realtime.MessageDeleted;
import io.chatplatform.domain.realtime.MessageEdited;
import io.chatplatform.domain.realtime.PresenceChanged;
import io.chatplatform.domain.realtime.ReactionUpdated;
import io.chatplatform.domain.realtime.ReadMarkerMoved;
import io.chatplatform.domain.realtime.SessionsRevoked;
import io.chatplatform.domain.realtime.Typing;
import io.chatplatform.domain.session.SessionId;
import io.chatplatform.domain.user.UserId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Live events on the wire between instances: compact JSON of this adapter's own records, one
 * shape per event, told apart by {@code "k"}. Field names are one letter; the message is the
 * cache's message shape ({@link ValueCodec.MessageJson}, its times in nanoseconds since the epoch,
 * a tombstone without its body); the typing expiry is an ISO-8601 string. Both are exact to the
 * nanosecond. Every change of a conversation's stream carries its position as {@code "p"}.
 *
 * <pre>
 * {"k":"message","m":{"i":901,"q":12,"f":7,"t":42,"b":"hi","at":1795780800123000000,"k":"c-1"},"p":30}
 * {"k":"edited","m":{"i":901,"q":12,"f":7,"t":42,"b":"hi!","at":1795780800123000000,"e":1795780860000000000},"p":31}
 * {"k":"deleted","m":{"i":901,"q":12,"f":7,"t":42,"at":1795780800123000000,"d":1795780920000000000},"p":32}
 * {"k":"deleted","m":{"i":901,"q":12,"f":7,"t":42,"b":"hi","at":1795780800123000000},"o":42,"p":33}
 * {"k":"reaction","m":{"i":901,...,"x":[{"e":"👍🏽","u":[7,42]}]},"u":42,"p":34}
 * {"k":"read","c":"7:42","r":42,"q":12,"p":35}
 * {"k":"delivered","c":"7:42","r":42,"q":12,"p":36}
 * {"k":"typing","f":7,"t":42,"u":"2026-11-27T12:00:06.123Z"}
 * {"k":"presence","u":7,"o":false,"w":[42,99]}
 * {"k":"revoked","u":7,"s":[3,8]}
 * </pre>
 *
 * Decoding goes through the domain's constructors, so a payload that is malformed or of a kind
 * this version does not know is refused (and skipped by the subscriber) rather than turned into an
 * invalid event. Unknown fields are ignored, so a newer version may add fields; a field whose
 * meaning changes must get a new name. The position is required: a change from an older version,
 * which sent none, is refused rather than delivered without its place in the stream (a connection
 * that then sees a gap fills it from the store).
 */
final class LiveEventCodec {

    private static final ObjectWriter WRITER = ValueCodec.JSON.writerFor(EventJson.class);
    private static final ObjectReader READER = ValueCodec.JSON.readerFor(EventJson.class);

    private LiveEventCodec() {
    }

    /**
     * Runs this class's initializer now, on the calling (platform) thread. Built lazily, the reader
     * above would be built by the first virtual thread that publishes: its initializer takes
     * Jackson's deserializer-cache lock while holding the class's initialization lock, which pins
     * its carrier, and the other publishers wait for that initialization pinned too. Measured: on
     * 2 cores both carriers were pinned so, the lock's holder never got a carrier again, and the
     * service hung at its first sends.
     */
    static void initialize() {
        // nothing to do: calling a static method is what runs the initializer
    }

    static String encode(LiveEvent event) {
        try {
            return WRITER.writeValueAsString(json(event));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static EventJson json(LiveEvent event) {
        if (event instanceof MessageCreated created) {
            return new CreatedJson(ValueCodec.MessageJson.of(created.message()), created.position());
        } else if (event instanceof MessageEdited edited) {
            return new EditedJson(ValueCodec.MessageJson.of(edited.message()), edited.position());
        } else if (event instanceof MessageDeleted deleted) {
            return new DeletedJson(ValueCodec.MessageJson.of(deleted.message()),
                    deleted.onlyFor().map(UserId::value).orElse(null), deleted.position());
        } else if (event instanceof ReactionUpdated reaction) {
            return new ReactionJson(ValueCodec.MessageJson.of(reaction.message()), reaction.reactor().value(),
                    reaction.position());
        } else if (event instanceof ReadMarkerMoved read) {
            return new ReadJson(read.conversation().value(), read.reader().value(), read.upToSeq(), read.position());
        } else if (event instanceof DeliveryMarkerMoved delivered) {
            return new DeliveredJson(delivered.conversation().value(), delivered.recipient().value(),
                    delivered.upToSeq(), delivered.position());
        } else if (event instanceof Typing typing) {
            return new TypingJson(typing.from().value(), typing.to().value(), typing.until().toString());
        } else if (event instanceof PresenceChanged presence) {
            return new PresenceJson(presence.user().value(), presence.online(),
                    presence.watchers().stream().map(UserId::value).sorted().toList());
        } else if (event instanceof SessionsRevoked revoked) {
            return new RevokedJson(revoked.user().value(),
                    revoked.sessions().stream().map(SessionId::value).sorted().toList());
        }
        // a new kind of event needs its own encoding here: never send it as another kind
        throw new IllegalArgumentException("no encoding for " + event.type());
    }

    /** The event the JSON stands for, or empty when it is not one this version can read. */
    static Optional<LiveEvent> decode(String json) {
        try {
            EventJson read = READER.readValue(json);
            return Optional.of(read.toEvent());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "k")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = CreatedJson.class, name = "message"),
            @JsonSubTypes.Type(value = EditedJson.class, name = "edited"),
            @JsonSubTypes.Type(value = DeletedJson.class, name = "deleted"),
            @JsonSubTypes.Type(value = ReactionJson.class, name = "reaction"),
            @JsonSubTypes.Type(value = ReadJson.class, name = "read"),
            @JsonSubTypes.Type(value = DeliveredJson.class, name = "delivered"),
            @JsonSubTypes.Type(value = TypingJson.class, name = "typing"),
            @JsonSubTypes.Type(value = PresenceJson.class, name = "presence"),
            @JsonSubTypes.Type(value = RevokedJson.class, name = "revoked")})
    sealed interface EventJson
            permits CreatedJson, EditedJson, DeletedJson, ReactionJson, ReadJson, DeliveredJson, TypingJson, PresenceJson,
            RevokedJson {
        LiveEvent toEvent();
    }

    /** {@link MessageCreated}: m the message, p its position. */
    record CreatedJson(@JsonProperty(value = "m", required = true) ValueCodec.MessageJson message,
                       @JsonProperty(value = "p", required = true) long position) implements EventJson {
        @Override
        public LiveEvent toEvent() {
            return new MessageCreated(message.toMessage(), position);
        }
    }

    /** {@link MessageEdited}: m the message as edited, p the position. */
    record EditedJson(@JsonProperty(value = "m", required = true) ValueCodec.MessageJson message,
                      @JsonProperty(value = "p", required = true) long position) implements EventJson {
        @Override
        public LiveEvent toEvent() {
            return new MessageEdited(message.toMessage(), position);
        }
    }

    /** {@link MessageDeleted}: m the message (the tombstone when for everyone), o the hider (absent: for everyone), p the position. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record DeletedJson(@JsonProperty(value = "m", required = true) ValueCodec.MessageJson message,
                       @JsonProperty("o") Long onlyFor,
                       @JsonProperty(value = "p", required = true) long position) implements EventJson {
        @Override
        public LiveEvent toEvent() {
            return new MessageDeleted(message.toMessage(), Optional.ofNullable(onlyFor).map(UserId::of), position);
        }
    }

    /** {@link ReactionUpdated}: m the message with its reactions, u who reacted or took it back, p the position. */
    record ReactionJson(@JsonProperty(value = "m", required = true) ValueCodec.MessageJson message,
                        @JsonProperty(value = "u", required = true) long reactor,
                        @JsonProperty(value = "p", required = true) long position) implements EventJson {
        @Override
        public LiveEvent toEvent() {
            return new ReactionUpdated(message.toMessage(), UserId.of(reactor), position);
        }
    }

    /** {@link ReadMarkerMoved}: c conversation, r reader, q read up to this seq, p the position. */
    record ReadJson(@JsonProperty(value = "c", required = true) String conversation,
                    @JsonProperty(value = "r", required = true) long reader,
                    @JsonProperty(value = "q", required = true) long upToSeq,
                    @JsonProperty(value = "p", required = true) long position) implements EventJson {
        @Override
        public LiveEvent toEvent() {
            return new ReadMarkerMoved(new ConversationId(conversation), UserId.of(reader), upToSeq, position);
        }
    }

    /** {@link DeliveryMarkerMoved}: c conversation, r recipient, q received up to this seq, p the position. */
    record DeliveredJson(@JsonProperty(value = "c", required = true) String conversation,
                         @JsonProperty(value = "r", required = true) long recipient,
                         @JsonProperty(value = "q", required = true) long upToSeq,
                         @JsonProperty(value = "p", required = true) long position) implements EventJson {
        @Override
        public LiveEvent toEvent() {
            return new DeliveryMarkerMoved(new ConversationId(conversation), UserId.of(recipient), upToSeq, position);
        }
    }

    /** {@link Typing}: f from, t to, u until. */
    record TypingJson(@JsonProperty(value = "f", required = true) long from,
                      @JsonProperty(value = "t", required = true) long to,
                      @JsonProperty(value = "u", required = true) String until) implements EventJson {
        @Override
        public LiveEvent toEvent() {
            return new Typing(UserId.of(from), UserId.of(to), Instant.parse(until));
        }
    }

    /** {@link PresenceChanged}: u user, o online, w watchers. */
    record PresenceJson(@JsonProperty(value = "u", required = true) long user,
                        @JsonProperty(value = "o", required = true) boolean online,
                        @JsonProperty(value = "w", required = true) List<Long> watchers) implements EventJson {
        @Override
        public LiveEvent toEvent() {
            return new PresenceChanged(UserId.of(user), online, watchers.stream().map(UserId::of).collect(Collectors.toSet()));
        }
    }

    /**
     * {@link SessionsRevoked}: u user, s the ended sessions' ids (ascending). An older version does
     * not know the kind and skips it, as it skips any kind it does not know.
     */
    record RevokedJson(@JsonProperty(value = "u", required = true) long user,
                       @JsonProperty(value = "s", required = true) List<Long> sessions) implements EventJson {
        @Override
        public LiveEvent toEvent() {
            return new SessionsRevoked(UserId.of(user), sessions.stream().map(SessionId::of).collect(Collectors.toSet()));
        }
    }
}
