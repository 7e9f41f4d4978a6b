package io.chatplatform.application.service;

import io.chatplatform.application.port.in.MarkDelivered;
import io.chatplatform.application.port.in.MarkRead;
import io.chatplatform.application.port.in.ReadHistory;
import io.chatplatform.application.port.in.SendMessage;
import io.chatplatform.application.port.in.Throttled;
import io.chatplatform.application.port.out.AppendMessage;
import io.chatplatform.application.port.out.AppendMessage.Participant;
import io.chatplatform.application.port.out.ChangeKind;
import io.chatplatform.application.port.out.BlockStore;
import io.chatplatform.application.port.out.ChatMetrics;
import io.chatplatform.application.port.out.EventPublisher;
import io.chatplatform.application.port.out.LoadMessages;
import io.chatplatform.application.port.out.LoadUser;
import io.chatplatform.application.port.out.MoveReadMarker;
import io.chatplatform.domain.event.ConversationChanged;
import io.chatplatform.domain.block.BlockPolicy;
import io.chatplatform.domain.event.MessageSent;
import io.chatplatform.domain.event.MessagesRead;
import io.chatplatform.domain.limit.LimitedAction;
import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.message.Message;
import io.chatplatform.domain.message.MessageId;
import io.chatplatform.domain.message.change.MessageChangePolicy;
import io.chatplatform.domain.message.change.MessageState;
import io.chatplatform.domain.realtime.DeliveryMarkerMoved;
import io.chatplatform.domain.user.Account;
import io.chatplatform.domain.user.UserId;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Sending, reading and marking read the messages of direct conversations, and recording their
 * delivery.
 */
public final class MessagingService implements SendMessage, ReadHistory, MarkRead, MarkDelivered {

    /** Pairs of users whose delivery positions an instance remembers: about 10 MB at most. */
    static final int DELIVERY_MEMO_PAIRS = 100_000;

    private final LoadUser loadUser;
    private final AppendMessage appendMessage;
    private final LoadMessages loadMessages;
    private final MoveReadMarker moveReadMarker;
    private final EventPublisher events;
    private final ChatMetrics metrics;
    private final RateLimiting limits;
    private final Clock clock;
    private final MessageChangePolicy changePolicy;
    private final BlockStore blocks;
    // a cached history page read again would otherwise cost a store round trip each time
    private final DeliveryMemo deliveries = new DeliveryMemo(DELIVERY_MEMO_PAIRS);

    public MessagingService(LoadUser loadUser, AppendMessage appendMessage, LoadMessages loadMessages,
                            MoveReadMarker moveReadMarker, EventPublisher events, ChatMetrics metrics,
                            RateLimiting limits, Clock clock, MessageChangePolicy changePolicy, BlockStore blocks) {
        this.loadUser = Objects.requireNonNull(loadUser, "loadUser");
        this.appendMessage = Objects.requireNonNull(appendMessage, "appendMessage");
        this.loadMessages = Objects.requireNonNull(loadMessages, "loadMessages");
        this.moveReadMarker = Objects.requireNonNull(moveReadMarker, "moveReadMarker");
        this.events = Objects.requireNonNull(events, "events");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.changePolicy = Objects.requireNonNull(changePolicy, "changePolicy");
        this.blocks = Objects.requireNonNull(blocks, "blocks");
    }

    @Override
    public SendMessage.Result send(SendMessage.Command command) {
        // a retry with the same client message id counts too: a loop of retries is a flood as well
        Optional<Throttled> refused = limits.acquire(LimitedAction.SENDS_PER_USER, command.sender().toString());
        if (refused.isPresent()) {
            return refused.get();
        }
        Optional<Account> sender = loadUser.accountById(command.sender());
        if (sender.isEmpty()) {
            return new SenderUnknown();
        }
        Optional<Account> recipient = command.recipient().equals(command.sender())
                ? sender
                : loadUser.accountById(command.recipient());
        if (recipient.isEmpty()) {
            return new RecipientNotFound();
        }
        if (!command.recipient().equals(command.sender())) {
            // one cached read of the recipient's list, on the recipient's shard: it holds both directions
            Optional<BlockPolicy.SendRefusal> blocked = BlockPolicy.refusal(command.sender(), blocks.blocksOf(command.recipient()));
            if (blocked.isPresent()) {
                return new Blocked(blocked.get());
            }
        }
        if (command.replyTo().isPresent() && !isInConversation(command.replyTo().get(), command.sender(), command.recipient())) {
            return new ReplyNotFound();
        }
        var outcome = appendMessage.append(new AppendMessage.NewMessage(
                participant(sender.get()), participant(recipient.get()),
                command.content(), command.clientMessageId(), Times.now(clock), command.replyTo()));
        if (!(outcome instanceof AppendMessage.Appended appended)) {
            return new AlreadySent(outcome.message());
        }
        events.publish(new MessageSent(appended.message(), appended.position()));
        metrics.messageSent();
        return new Sent(appended.message());
    }

    /** The reply rule of the domain: a message of the same conversation, also a tombstone. */
    private boolean isInConversation(MessageId target, UserId sender, UserId recipient) {
        return loadMessages.find(target)
                .map(message -> changePolicy.reply(sender, recipient, MessageState.of(message, 0)).allowed())
                .orElse(false);
    }

    /** A page of the conversation; the peer's messages it returns count as delivered to the reader. */
    @Override
    public List<Message> history(ReadHistory.Query query) {
        List<Message> page = loadMessages.page(ConversationId.between(query.reader(), query.peer()), query.reader(),
                query.page());
        if (!query.reader().equals(query.peer())) {
            page.stream()
                    .filter(message -> message.senderId().equals(query.peer()))
                    .mapToLong(Message::seq)
                    .max()
                    .ifPresent(newest -> deliver(query.reader(), query.peer(), newest, true));
        }
        return page;
    }

    @Override
    public void markDelivered(UserId recipient, UserId peer, long upToSeq) {
        deliver(recipient, peer, upToSeq, false);
    }

    /**
     * Moves the delivery marker unless this instance knows it stands there already. {@code stored}:
     * {@code upToSeq} is the seq of a stored message (read from the store just now), so the marker
     * stands at least there afterwards whether or not it moved; an acknowledgement's seq is the
     * client's word, remembered only as far as the marker actually moved.
     */
    private void deliver(UserId recipient, UserId peer, long upToSeq, boolean stored) {
        if (recipient.equals(peer) || upToSeq < 1 || deliveries.covers(recipient, peer, upToSeq)) {
            return;
        }
        Optional<MoveReadMarker.Delivered> moved = moveReadMarker.markDelivered(recipient, peer, upToSeq);
        if (stored) {
            deliveries.remember(recipient, peer, upToSeq);
        }
        moved.ifPresent(delivered -> {
            deliveries.remember(recipient, peer, delivered.upToSeq());
            ConversationId conversation = ConversationId.between(recipient, peer);
            events.publish(new ConversationChanged(new DeliveryMarkerMoved(conversation, recipient,
                    delivered.upToSeq(), delivered.position())));
            metrics.messageChanged(ChangeKind.DELIVERED);
        });
    }

    @Override
    public MarkRead.Result markMessageRead(UserId reader, MessageId messageId) {
        Optional<Message> message = loadMessages.find(messageId)
                .filter(found -> found.recipientId().equals(reader));
        if (message.isEmpty()) {
            return new NotFound();
        }
        return moveMarker(reader, message.get().senderId(), message.get().seq());
    }

    @Override
    public MarkRead.Result markConversationRead(UserId reader, UserId peer, Optional<MessageId> upTo) {
        long upToSeq = Long.MAX_VALUE;
        if (upTo.isPresent()) {
            Optional<Message> message = loadMessages.find(ConversationId.between(reader, peer), upTo.get());
            if (message.isEmpty()) {
                return new NotFound();
            }
            upToSeq = message.get().seq();
        }
        return moveMarker(reader, peer, upToSeq);
    }

    private MarkRead.Result moveMarker(UserId reader, UserId peer, long upToSeq) {
        var state = moveReadMarker.markRead(reader, peer, upToSeq);
        if (state.isEmpty()) {
            return new NotFound();
        }
        ConversationId conversation = ConversationId.between(reader, peer);
        MoveReadMarker.ReadState read = state.get();
        read.position().ifPresent(position ->
                events.publish(new MessagesRead(conversation, reader, read.lastReadSeq(), read.unreadCount(), position)));
        return new Marked(conversation, read.lastReadSeq(), read.unreadCount());
    }

    private static Participant participant(Account user) {
        return new Participant(user.id(), user.username());
    }
}
