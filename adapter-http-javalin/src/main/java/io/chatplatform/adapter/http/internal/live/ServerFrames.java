package io.chatplatform.adapter.http.internal.live;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.chatplatform.adapter.http.internal.json.Json;
import io.chatplatform.adapter.http.internal.view.MessageView;
import io.chatplatform.application.port.out.ClientChannel.Live;
import io.chatplatform.application.port.out.ClientChannel.Pong;
import io.chatplatform.application.port.out.ClientChannel.Problem;
import io.chatplatform.application.port.out.ClientChannel.ResumeDone;
import io.chatplatform.application.port.out.ClientChannel.ResumeTruncated;
import io.chatplatform.application.port.out.ClientChannel.ResyncAdvised;
import io.chatplatform.application.port.out.ClientChannel.ServerMessage;
import io.chatplatform.domain.realtime.DeliveryMarkerMoved;
import io.chatplatform.domain.realtime.LiveEvent;
import io.chatplatform.domain.realtime.MessageCreated;
import io.chatplatform.domain.realtime.MessageDeleted;
import io.chatplatform.domain.realtime.MessageEdited;
import io.chatplatform.domain.realtime.PresenceChanged;
import io.chatplatform.domain.realtime.ReactionUpdated;
import io.chatplatform.domain.realtime.ReadMarkerMoved;
import io.chatplatform.domain.realtime.Typing;
import io.chatplatform.domain.user.UserId;
import java.time.Instant;

/**
 * What the server says on {@code /ws}, as JSON text: one object per message, its kind in
 * {@code "type"}, names in snake_case and timestamps as in the REST API (a message looks exactly
 * as {@code POST /send} answered it). Every change of a conversation (a message, an edit, a
 * deletion, a reaction, a read or delivery marker) carries {@code change_seq}, its position in the
 * conversation's change stream; members are only ever added, after those old clients know. The
 * shapes are documented in {@code docs/realtime.md}.
 */
public final class ServerFrames {

    private ServerFrames() {
    }

    /** {@code {"type":"ready","user_id":N}}: the connection is authenticated. */
    public static String ready(UserId user) {
        return text(new Ready("ready", user.value()));
    }

    /** {@code {"type":"error","code":...,"message":...}}. */
    public static String error(String code, String message) {
        return text(new Error("error", code, message));
    }

    /** The JSON text of a message of the application. */
    public static String of(ServerMessage message) {
        if (message instanceof Live live) {
            return text(event(live.event()));
        }
        if (message instanceof ResumeDone done) {
            return text(new ResumeDoneFrame("resume.done", done.replayed()));
        }
        if (message instanceof ResumeTruncated truncated) {
            return text(new ResumeTruncatedFrame("resume.truncated", truncated.peer().value(), truncated.afterSeq(),
                    truncated.afterPosition()));
        }
        if (message instanceof ResyncAdvised) {
            return text(new Signal("resync"));
        }
        if (message instanceof Pong) {
            return text(new Signal("pong"));
        }
        if (message instanceof Problem problem) {
            return error(problem.code(), problem.message());
        }
        throw new IllegalArgumentException("no frame for " + message.getClass().getName());
    }

    private static Object event(LiveEvent event) {
        if (event instanceof MessageCreated created) {
            return new MessageFrame(created.type().wireName(), MessageView.of(created.message()), created.position());
        }
        if (event instanceof MessageEdited edited) {
            return new MessageFrame(edited.type().wireName(), MessageView.of(edited.message()), edited.position());
        }
        if (event instanceof MessageDeleted deleted) {
            return new MessageDeletedFrame(deleted.type().wireName(), MessageView.of(deleted.message()),
                    deleted.forEveryone() ? "everyone" : "me", deleted.position());
        }
        if (event instanceof ReactionUpdated reaction) {
            return new ReactionUpdatedFrame(reaction.type().wireName(), MessageView.of(reaction.message()),
                    reaction.reactor().value(), reaction.position());
        }
        if (event instanceof ReadMarkerMoved read) {
            return new MessageReadFrame(read.type().wireName(), read.reader().value(), read.peer().value(), read.upToSeq(),
                    read.position());
        }
        if (event instanceof DeliveryMarkerMoved delivered) {
            return new MessageDeliveredFrame(delivered.type().wireName(), delivered.recipient().value(),
                    delivered.peer().value(), delivered.upToSeq(), delivered.position());
        }
        if (event instanceof Typing typing) {
            return new TypingFrame(typing.type().wireName(), typing.from().value(), typing.until());
        }
        if (event instanceof PresenceChanged presence) {
            return new PresenceFrame(presence.type().wireName(), presence.user().value(), presence.online());
        }
        throw new IllegalArgumentException("no frame for " + event.getClass().getName());
    }

    private static String text(Object frame) {
        try {
            return Json.mapper().writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + frame.getClass().getName() + " to JSON", e);
        }
    }

    public record Ready(String type, long userId) {
    }

    public record Error(String type, String code, String message) {
    }

    public record Signal(String type) {
    }

    public record ResumeDoneFrame(String type, int replayed) {
    }

    public record ResumeTruncatedFrame(String type, long userId, long afterSeq, long afterPosition) {
    }

    /** {@code message.created} and {@code message.updated}: the message as it stands. */
    public record MessageFrame(String type, MessageView message, long changeSeq) {
    }

    /** {@code message.deleted}: the tombstone ({@code for} everyone), or the message the client hid ({@code for} me). */
    public record MessageDeletedFrame(String type, MessageView message, @JsonProperty("for") String scope,
                                      long changeSeq) {
    }

    /** {@code reaction.updated}: {@code user_id} reacted or took a reaction back; the message's reactions as they stand. */
    public record ReactionUpdatedFrame(String type, MessageView message, long userId, long changeSeq) {
    }

    public record MessageReadFrame(String type, long readerId, long peerId, long upToSeq, long changeSeq) {
    }

    /** {@code message.delivered}: some device of {@code recipient_id} received the messages of {@code peer_id} up to seq. */
    public record MessageDeliveredFrame(String type, long recipientId, long peerId, long upToSeq, long changeSeq) {
    }

    public record TypingFrame(String type, long userId, Instant expiresAt) {
    }

    public record PresenceFrame(String type, long userId, boolean online) {
    }
}
