package io.chatplatform.domain.realtime;

import io.chatplatform.domain.event.ConversationChanged;
import io.chatplatform.domain.event.DomainEvent;
import io.chatplatform.domain.event.MessageSent;
import io.chatplatform.domain.event.MessagesRead;
import io.chatplatform.domain.event.SessionsEnded;
import java.util.Optional;

/** Which committed changes open connections are told about. */
public final class LiveEvents {

    private LiveEvents() {
    }

    /** The live event a committed domain event becomes, if any. */
    public static Optional<LiveEvent> of(DomainEvent event) {
        if (event instanceof MessageSent sent) {
            return Optional.of(new MessageCreated(sent.message(), sent.position()));
        }
        if (event instanceof MessagesRead read) {
            return Optional.of(new ReadMarkerMoved(read.conversationId(), read.reader(), read.upToSeq(), read.position()));
        }
        if (event instanceof ConversationChanged changed) {
            return Optional.of(changed.change());
        }
        if (event instanceof SessionsEnded ended) {
            return Optional.of(new SessionsRevoked(ended.user(), ended.sessions()));
        }
        return Optional.empty();
    }
}
