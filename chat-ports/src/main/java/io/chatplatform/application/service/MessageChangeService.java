package io.chatplatform.application.service;

import io.chatplatform.application.port.in.ChangeMessage;
import io.chatplatform.application.port.in.Throttled;
import io.chatplatform.application.port.out.ChangeKind;
import io.chatplatform.application.port.out.ChangeMessages;
import io.chatplatform.application.port.out.ChatMetrics;
import io.chatplatform.application.port.out.EventPublisher;
import io.chatplatform.application.port.out.LoadMessages;
import io.chatplatform.domain.event.ConversationChanged;
import io.chatplatform.domain.limit.LimitedAction;
import io.chatplatform.domain.message.Emoji;
import io.chatplatform.domain.message.Message;
import io.chatplatform.domain.message.MessageContent;
import io.chatplatform.domain.message.MessageId;
import io.chatplatform.domain.message.change.Decision;
import io.chatplatform.domain.message.change.MessageChangePolicy;
import io.chatplatform.domain.user.UserId;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Edits, deletions and reactions: asks the store to apply each under the domain's
 * {@link MessageChangePolicy} in one transaction, then announces what was written (cache
 * invalidation, live connections) and counts it. A refusal or a repeat writes and announces
 * nothing.
 */
public final class MessageChangeService implements ChangeMessage {

    private final ChangeMessages store;
    private final LoadMessages messages;
    private final MessageChangePolicy policy;
    private final EventPublisher events;
    private final ChatMetrics metrics;
    private final RateLimiting limits;
    private final Clock clock;

    public MessageChangeService(ChangeMessages store, LoadMessages messages, MessageChangePolicy policy,
                                EventPublisher events, ChatMetrics metrics, RateLimiting limits, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.messages = Objects.requireNonNull(messages, "messages");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.events = Objects.requireNonNull(events, "events");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Result edit(UserId editor, MessageId message, MessageContent content) {
        Instant now = Times.now(clock);
        return limited(editor, ChangeKind.EDIT, () -> store.edit(message, editor, content, now,
                state -> state.map(found -> policy.edit(editor, found, content, now)).orElse(Decision.NOT_FOUND)));
    }

    @Override
    public Result deleteForEveryone(UserId user, MessageId message) {
        return limited(user, ChangeKind.DELETE_FOR_EVERYONE, () -> store.deleteForEveryone(message, user, Times.now(clock),
                state -> state.map(found -> policy.deleteForEveryone(user, found)).orElse(Decision.NOT_FOUND)));
    }

    @Override
    public Result deleteForMe(UserId user, MessageId message) {
        return limited(user, ChangeKind.DELETE_FOR_ME, () -> store.hide(message, user, Times.now(clock),
                (state, hidden) -> state.map(found -> policy.deleteForMe(user, found, hidden)).orElse(Decision.NOT_FOUND)));
    }

    @Override
    public Result react(UserId user, MessageId message, Emoji emoji) {
        return limited(user, ChangeKind.REACT, () -> store.react(message, user, emoji, Times.now(clock),
                state -> state.map(found -> policy.react(user, found, emoji)).orElse(Decision.NOT_FOUND)));
    }

    @Override
    public Result unreact(UserId user, MessageId message, Emoji emoji) {
        return limited(user, ChangeKind.UNREACT, () -> store.unreact(message, user, emoji, Times.now(clock),
                state -> state.map(found -> policy.unreact(user, found, emoji)).orElse(Decision.NOT_FOUND)));
    }

    @Override
    public Edits edits(UserId reader, MessageId message) {
        Optional<Message> found = messages.find(message).filter(visible -> visible.isVisibleTo(reader));
        if (found.isEmpty()) {
            return new NotFound();
        }
        return new EditHistory(messages.earlierVersions(found.get().conversationId(), message));
    }

    private Result limited(UserId user, ChangeKind kind, Supplier<ChangeMessages.Result<? extends Decision>> change) {
        Optional<Throttled> refused = limits.acquire(LimitedAction.MESSAGE_CHANGES_PER_USER, user.toString());
        if (refused.isPresent()) {
            return refused.get();
        }
        ChangeMessages.Result<? extends Decision> result = change.get();
        result.change().ifPresent(written -> {
            events.publish(new ConversationChanged(written));
            metrics.messageChanged(kind);
        });
        return answer(result);
    }

    /** The use case's answer for the store's result: the decision, with the message where there is one. */
    private static Result answer(ChangeMessages.Result<? extends Decision> result) {
        Decision decision = result.decision();
        if (decision instanceof Decision.Allowed) {
            return new Changed(result.message().orElseThrow());
        }
        if (decision instanceof Decision.Unchanged) {
            return new Unchanged(result.message().orElseThrow(() ->
                    new IllegalStateException("the store answered Unchanged without the message")));
        }
        if (decision instanceof Decision.NotFound) {
            return new NotFound();
        }
        if (decision instanceof Decision.Gone) {
            return new Gone();
        }
        if (decision instanceof Decision.WindowClosed closed) {
            return new WindowClosed(closed.closedAt());
        }
        if (decision instanceof Decision.TooManyEdits edits) {
            return new TooManyEdits(edits.limit());
        }
        if (decision instanceof Decision.TooManyEmoji emoji) {
            return new TooManyEmoji(emoji.limit());
        }
        throw new IllegalStateException("a decision this use case cannot answer: " + decision);
    }
}
