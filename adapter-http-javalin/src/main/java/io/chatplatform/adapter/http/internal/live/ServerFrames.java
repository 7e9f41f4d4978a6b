package io.chatplatform.adapter.http.internal.live;

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
import io.chatplatform.domain.realtime.LiveEvent;
import io.chatplatform.domain.realtime.MessageCreated;
import io.chatplatform.domain.realtime.PresenceChanged;
import io.chatplatform.domain.realtime.ReadMarkerMoved;
import io.chatplatform.domain.realtime.Typing;
import io.chatplatform.domain.user.UserId;
import java.time.Instant;

/**
 * What the server says on {@code /ws}, as JSON text: one object per message, its kind in
 * {@code "type"}, names in snake_case and timestamps as in the REST API (a message looks exactly
 * as {@code POST /send} answered it). The shapes are documented in {@code docs/realtime.md}.
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
            return text(new ResumeTruncatedFrame("resume.truncated", truncated.peer().value(), truncated.afterSeq()));
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
            return new MessageCreatedFrame(created.type().wireName(), MessageView.of(created.message()));
        }
        if (event instanceof ReadMarkerMoved read) {
            return new MessageReadFrame(read.type().wireName(), read.reader().value(), read.peer().value(), read.upToSeq());
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

    public record ResumeTruncatedFrame(String type, long userId, long afterSeq) {
    }

    public record MessageCreatedFrame(String type, MessageView message) {
    }

    public record MessageReadFrame(String type, long readerId, long peerId, long upToSeq) {
    }

    public record TypingFrame(String type, long userId, Instant expiresAt) {
    }

    public record PresenceFrame(String type, long userId, boolean online) {
    }
}
