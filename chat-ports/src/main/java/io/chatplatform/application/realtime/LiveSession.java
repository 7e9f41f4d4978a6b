package io.chatplatform.application.realtime;

import io.chatplatform.application.port.in.OpenLiveConnection.LiveConnection;
import io.chatplatform.application.port.out.ClientChannel;
import io.chatplatform.application.port.out.ClientChannel.Live;
import io.chatplatform.application.port.out.ClientChannel.Pong;
import io.chatplatform.application.port.out.ClientChannel.ResumeDone;
import io.chatplatform.application.port.out.ClientChannel.ResumeTruncated;
import io.chatplatform.application.port.out.ClientChannel.ResyncAdvised;
import io.chatplatform.application.port.out.ClientChannel.ServerMessage;
import io.chatplatform.application.port.out.ErrorReporter.Where;
import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.realtime.CloseReason;
import io.chatplatform.domain.realtime.ConversationChange;
import io.chatplatform.domain.realtime.LiveEvent;
import io.chatplatform.domain.realtime.ReplayPlanner;
import io.chatplatform.domain.realtime.ReplayPlanner.Budgets;
import io.chatplatform.domain.realtime.ReplayPlanner.Hold;
import io.chatplatform.domain.realtime.ReplayPlanner.Send;
import io.chatplatform.domain.realtime.ReplayPlanner.Step;
import io.chatplatform.domain.realtime.ReplayPlanner.Truncated;
import io.chatplatform.domain.realtime.TypingThrottle;
import io.chatplatform.domain.realtime.SessionsRevoked;
import io.chatplatform.domain.session.SessionId;
import io.chatplatform.domain.user.UserId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One live connection: a small state machine (pending, live, closed) over a {@link Mailbox}.
 * While pending (until the client resumes, says anything else, or a short wait ends) live events
 * are held back, so that a replay is not overtaken; live, each event is delivered as the
 * {@link ReplayPlanner} says; closed, nothing more goes out. Its work runs in its mailbox, one task
 * at a time: the fields below the mailbox are touched by those tasks only. A task that fails
 * closes the connection ({@link CloseReason#SERVER_ERROR}: it can no longer promise gap-free
 * delivery, so its client reconnects and resumes) and is reported.
 */
final class LiveSession implements LiveConnection {

    private enum State { PENDING, LIVE, CLOSED }

    private final UserId user;
    private final Optional<SessionId> loginSession;
    private final ClientChannel channel;
    private final String id;
    private final SessionContext context;
    private final Mailbox mailbox;
    // touched only by mailbox tasks, one at a time
    private final ReplayPlanner planner;
    private final List<LiveEvent> held = new ArrayList<>();
    private final TypingThrottle throttle;
    private State state = State.PENDING;
    private volatile boolean closing;
    private volatile Future<?> resumeWait;
    private volatile ScheduledExecutorService scheduler;

    LiveSession(UserId user, Optional<SessionId> loginSession, ClientChannel channel, String id, SessionContext context) {
        this.user = Objects.requireNonNull(user, "user");
        this.loginSession = Objects.requireNonNull(loginSession, "loginSession");
        this.channel = Objects.requireNonNull(channel, "channel");
        this.id = Objects.requireNonNull(id, "id");
        this.context = Objects.requireNonNull(context, "context");
        this.mailbox = new Mailbox(context.executor(), context.settings().mailboxCapacity());
        this.planner = new ReplayPlanner(user, new Budgets(context.settings().replayPerConversation(),
                context.settings().replayTotal()));
        this.throttle = context.typing().throttle();
    }

    UserId user() {
        return user;
    }

    /** This connection's name in the presence registry, unique across instances. */
    String id() {
        return id;
    }

    /** Claims presence, and lets live events flow by themselves after {@code resumeWait} unless something came first. */
    void start(ScheduledExecutorService scheduler, Duration resumeWait) {
        this.scheduler = scheduler;
        submit(() -> context.presence().arrived(user, id));
        this.resumeWait = scheduler.schedule(() -> {
            try {
                submit(this::live);
            } catch (RuntimeException e) {
                // a timer task's exception would only be kept in its future, seen by nobody
                context.errors().report(Where.LIVE_CONNECTION, e);
            }
        }, resumeWait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** An event from the bus for this connection's user. */
    void receive(LiveEvent event) {
        if (event instanceof SessionsRevoked revoked) {
            // not a frame: the end of this connection, if it was opened in one of those sessions
            if (loginSession.isPresent() && revoked.sessions().contains(loginSession.get())) {
                close(CloseReason.SESSION_REVOKED);
            }
            return;
        }
        submit(() -> {
            if (state == State.PENDING) {
                held.add(event);
                if (held.size() > context.settings().mailboxCapacity()) {
                    tooSlow();
                }
            } else if (state == State.LIVE) {
                deliver(event);
            }
        });
    }

    /** Events may have been lost on the bus: the client should resume. */
    void adviseResync() {
        submit(() -> send(new ResyncAdvised()));
    }

    /** Closes the connection from the server's side; {@link #closed} follows when the transport reports it. */
    void close(CloseReason reason) {
        closing = true;
        channel.close(reason);
    }

    @Override
    public void resume(Map<UserId, Long> messageSeqs, Map<UserId, Long> changePositions) {
        Map<UserId, Long> seqs = Map.copyOf(messageSeqs);
        Map<UserId, Long> changes = Map.copyOf(changePositions);
        submit(() -> {
            if (state == State.CLOSED) {
                return;
            }
            List<Step> steps = planner.resume(context.inbox().list(user, context.settings().replayConversations()),
                    positions(seqs, changes), this::changesAfter);
            steps.forEach(this::send);
            send(new ResumeDone(ReplayPlanner.sent(steps)));
            live();
        });
    }

    /**
     * Positions in the change streams: as given, or, for a client that counts messages only, the
     * position of the creation of the last message it has (one read by key per conversation).
     */
    private Map<UserId, Long> positions(Map<UserId, Long> messageSeqs, Map<UserId, Long> changePositions) {
        Map<UserId, Long> positions = new HashMap<>(changePositions);
        messageSeqs.forEach((peer, seq) -> positions.computeIfAbsent(peer, missing ->
                context.changes().positionOfMessage(ConversationId.between(user, peer), Math.max(0, seq))));
        return positions;
    }

    @Override
    public void received(UserId peer, long upToSeq) {
        Objects.requireNonNull(peer, "peer");
        // the store write happens on this connection's mailbox, so a flood of acknowledgements
        // waits its turn instead of holding request threads
        submit(() -> context.deliveries().markDelivered(user, peer, upToSeq));
    }

    @Override
    public void typing(UserId peer) {
        submit(() -> context.typing().typing(user, peer, throttle).ifPresent(this::send));
    }

    @Override
    public void ping() {
        submit(() -> send(new Pong()));
    }

    @Override
    public void activity() {
        submit(this::live);
    }

    @Override
    public void closed() {
        closing = true;
        Future<?> wait = resumeWait;
        if (wait != null) {
            wait.cancel(false);
        }
        try {
            leave();
        } catch (RejectedExecutionException e) {
            // the application was closed and its connection threads with it: nothing is left to leave
        }
    }

    private void leave() {
        // never refused: a connection that is gone must leave the registry and presence
        mailbox.submitAlways(() -> run(() -> {
            if (state == State.CLOSED) {
                return;
            }
            state = State.CLOSED;
            held.clear();
            context.metrics().liveConnection(false);
            context.connections().remove(this);
            context.presence().left(user, id);
        }));
    }

    private void submit(Runnable task) {
        if (closing) {
            return;
        }
        if (!mailbox.submit(() -> run(task))) {
            tooSlow();
        }
    }

    private void run(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            context.errors().report(Where.LIVE_CONNECTION, e);
            // the connection can no longer promise gap-free delivery: the client reconnects and resumes
            close(CloseReason.SERVER_ERROR);
        }
    }

    private void live() {
        if (state != State.PENDING) {
            return;
        }
        state = State.LIVE;
        for (LiveEvent event : held) {
            deliver(event);
        }
        held.clear();
    }

    private void deliver(LiveEvent event) {
        if (event instanceof ConversationChange change) {
            Duration wait = context.settings().gapWait();
            (wait.isZero() ? planner.live(change, this::changesAfter) : planner.liveOrHold(change, this::changesAfter))
                    .forEach(this::send);
        } else {
            send(new Live(event));
        }
    }

    /** The store, as the planner reads it: the changes this connection's user may see. */
    private List<ConversationChange> changesAfter(ConversationId conversation, long afterPosition, int limit) {
        return context.changes().after(conversation, user, afterPosition, limit);
    }

    private void send(Step step) {
        if (step instanceof Send send) {
            send(new Live(send.change()));
        } else if (step instanceof Hold hold) {
            releaseLater(hold.conversation());
        } else if (step instanceof Truncated truncated) {
            long afterSeq = context.changes().messageSeqAt(ConversationId.between(user, truncated.peer()),
                    truncated.afterPosition());
            send(new ResumeTruncated(truncated.peer(), afterSeq, truncated.afterPosition()));
        } else {
            throw new IllegalStateException("a replay step this connection cannot send: " + step);
        }
    }

    /**
     * After the settings' gap wait, sends what the planner held back for {@code conversation}, reading
     * the gap from the store if its changes have not arrived by then. Without a timer (not started),
     * at once.
     */
    private void releaseLater(ConversationId conversation) {
        Runnable release = () -> planner.release(conversation, this::changesAfter).forEach(this::send);
        ScheduledExecutorService timer = scheduler;
        if (timer == null) {
            release.run();
            return;
        }
        try {
            timer.schedule(() -> submit(release), context.settings().gapWait().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // the application is closing: the connection goes with it, its client resumes
            release.run();
        }
    }

    private void send(ServerMessage message) {
        if (state == State.CLOSED) {
            return;
        }
        boolean accepted = channel.offer(message);
        if (message instanceof Live live) {
            context.metrics().liveEvent(live.event().type().wireName(), accepted);
        }
        if (!accepted) {
            tooSlow();
        }
    }

    private void tooSlow() {
        close(CloseReason.TOO_SLOW);
    }
}
