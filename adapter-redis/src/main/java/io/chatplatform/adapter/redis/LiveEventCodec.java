package io.chatplatform.adapter.redis;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.realtime.LiveEvent;
import io.chatplatform.domain.realtime.MessageCreated;
import io.chatplatform.domain.realtime.PresenceChanged;
import io.chatplatform.domain.realtime.ReadMarkerMoved;
import io.chatplatform.domain.realtime.Typing;
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
 * cache's message shape ({@link ValueCodec.MessageJson}, its time in nanoseconds since the epoch);
 * the typing expiry is an ISO-8601 string. Both are exact to the nanosecond.
 *
 * <pre>
 * {"k":"message","m":{"i":901,"q":12,"f":7,"t":42,"b":"hi","at":1795780800123000000,"k":"c-1"}}
 * {"k":"read","c":"7:42","r":42,"q":12}
 * {"k":"typing","f":7,"t":42,"u":"2026-11-27T12:00:06.123Z"}
 * {"k":"presence","u":7,"o":false,"w":[42,99]}
 * </pre>
 *
 * Decoding goes through the domain's constructors, so a payload that is malformed or of a kind
 * this version does not know is refused (and skipped by the subscriber) rather than turned into an
 * invalid event. Unknown fields are ignored, so a newer version may add fields; a field whose
 * meaning changes must get a new name.
 */
final class LiveEventCodec {

    private static final ObjectWriter WRITER = ValueCodec.JSON.writerFor(EventJson.class);
    private static final ObjectReader READER = ValueCodec.JSON.readerFor(EventJson.class);

    private LiveEventCodec() {
    }

    static String encode(LiveEvent event) {
        EventJson json;
        if (event instanceof MessageCreated created) {
            json = new CreatedJson(ValueCodec.MessageJson.of(created.message()));
        } else if (event instanceof ReadMarkerMoved read) {
            json = new ReadJson(read.conversation().value(), read.reader().value(), read.upToSeq());
        } else if (event instanceof Typing typing) {
            json = new TypingJson(typing.from().value(), typing.to().value(), typing.until().toString());
        } else if (event instanceof PresenceChanged presence) {
            json = new PresenceJson(presence.user().value(), presence.online(),
                    presence.watchers().stream().map(UserId::value).sorted().toList());
        } else {
            // a new kind of event needs its own encoding here: never send it as another kind
            throw new IllegalArgumentException("no encoding for " + event.type());
        }
        try {
            return WRITER.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
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
            @JsonSubTypes.Type(value = ReadJson.class, name = "read"),
            @JsonSubTypes.Type(value = TypingJson.class, name = "typing"),
            @JsonSubTypes.Type(value = PresenceJson.class, name = "presence")})
    sealed interface EventJson permits CreatedJson, ReadJson, TypingJson, PresenceJson {
        LiveEvent toEvent();
    }

    /** {@link MessageCreated}: m the message. */
    record CreatedJson(@JsonProperty(value = "m", required = true) ValueCodec.MessageJson message) implements EventJson {
        @Override
        public LiveEvent toEvent() {
            return new MessageCreated(message.toMessage());
        }
    }

    /** {@link ReadMarkerMoved}: c conversation, r reader, q read up to this seq. */
    record ReadJson(@JsonProperty(value = "c", required = true) String conversation,
                    @JsonProperty(value = "r", required = true) long reader,
                    @JsonProperty(value = "q", required = true) long upToSeq) implements EventJson {
        @Override
        public LiveEvent toEvent() {
            return new ReadMarkerMoved(new ConversationId(conversation), UserId.of(reader), upToSeq);
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
}
