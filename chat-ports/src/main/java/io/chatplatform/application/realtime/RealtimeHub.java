package io.chatplatform.application.realtime;

import io.chatplatform.application.port.in.OpenLiveConnection;
import io.chatplatform.application.port.out.ChatMetrics;
import io.chatplatform.application.port.out.ClientChannel;
import io.chatplatform.application.port.out.ClientChannel.Live;
import io.chatplatform.application.port.out.ClientChannel.Pong;
import io.chatplatform.application.port.out.ClientChannel.Problem;
import io.chatplatform.application.port.out.ClientChannel.ResumeDone;
import io.chatplatform.application.port.out.ClientChannel.ResumeTruncated;
import io.chatplatform.application.port.out.ClientChannel.ResyncAdvised;
import io.chatplatform.application.port.out.ClientChannel.ServerMessage;
import io.chatplatform.application.port.out.LiveEventBus;
import io.chatplatform.application.port.out.LoadInbox;
import io.chatplatform.application.port.out.LoadMessages;
import io.chatplatform.application.port.out.PresenceRegistry;
import io.chatplatform.domain.conversation.InboxEntry;
import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.message.HistoryPage;
import io.chatplatform.domain.message.Message;
import io.chatplatform.domain.realtime.DeliveryCursor;
import io.chatplatform.domain.realtime.LiveEvent;
import io.chatplatform.domain.realtime.MessageCreated;
import io.chatplatform.domain.realtime.PresenceChanged;
import io.chatplatform.domain.realtime.ReadMarkerMoved;
import io.chatplatform.domain.realtime.Typing;
import io.chatplatform.domain.realtime.TypingThrottle;
import io.chatplatform.domain.user.UserId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The live connections of this instance: delivers every live event published on any instance to
 * the local connections of its audience, in conversation order, without gaps (missing messages
 * are read from the store) and without sending one twice; replays what a reconnecting client
 * missed; keeps presence.
 *
 * <p>Each connection's work runs in its own {@link Mailbox}: the bus thread only enqueues, so one
 * slow client or a replay reading the database never delays the others.
 */
public final class RealtimeHub implements OpenLiveConnection, AutoCloseable {

    /** WebSocket close code: the server failed; reconnect and resume. */
    public static final int SERVER_ERROR = 1011;
    /** WebSocket close code: the client does not read fast enough. */
    public static final int TOO_SLOW = 1008;
    /** WebSocket close code: the server is shutting down. */
    public static final int GOING_AWAY = 1001;

    private final LiveEventBus bus;
    private final PresenceRegistry presence;
    private final LoadInbox inbox;
    private final LoadMessages messages;
    private final Clock clock;
    private final RealtimeSettings settings;
    private final Executor executor;
    private final ScheduledExecutorService scheduler;
    private final ChatMetrics metrics;
    private final Map<UserId, Set<Session>> local = new ConcurrentHashMap<>();
    private final String instance = UUID.randomUUID().toString();
    private final AtomicLong connections = new AtomicLong();
    private final LiveEventBus.Subscription subscription;

    /**
     * Subscribes to the bus and starts the heartbeat and the presence sweep.
     *
     * @param executor  runs the connections' mailboxes (virtual threads where the JVM has them)
     * @param scheduler runs timers; shut down by {@link #close()}
     */
    public RealtimeHub(LiveEventBus bus, PresenceRegistry presence, LoadInbox inbox, LoadMessages messages, Clock clock,
                       RealtimeSettings settings, Executor executor, ScheduledExecutorService scheduler,
                       ChatMetrics metrics) {
        this.bus = Objects.requireNonNull(bus, "bus");
        this.presence = Objects.requireNonNull(presence, "presence");
        this.inbox = Objects.requireNonNull(inbox, "inbox");
        this.messages = Objects.requireNonNull(messages, "messages");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.subscription = bus.subscribe(this::dispatch, this::adviseResync);
        long heartbeat = settings.heartbeat().toMillis();
        scheduler.scheduleWithFixedDelay(this::heartbeat, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
        long sweep = settings.sweep().toMillis();
        scheduler.scheduleWithFixedDelay(this::sweep, sweep, sweep, TimeUnit.MILLISECONDS);
    }

    @Override
    public LiveConnection open(UserId user, ClientChannel channel) {
        Session session = new Session(user, channel, instance + ":" + connections.incrementAndGet());
        local.computeIfAbsent(user, id -> ConcurrentHashMap.newKeySet()).add(session);
        metrics.liveConnection(true);
        session.submit(session::announce);
        scheduler.schedule(() -> session.submit(session::goLive), settings.resumeWait().toMillis(), TimeUnit.MILLISECONDS);
        return session;
    }

    /** Connections open on this instance. */
    public int openConnections() {
        return local.values().stream().mapToInt(Set::size).sum();
    }

    @Override
    public void close() {
        subscription.close();
        scheduler.shutdownNow();
        local.values().forEach(sessions -> sessions.forEach(session -> session.channel.close(GOING_AWAY, "server shutting down")));
    }

    private void dispatch(LiveEvent event) {
        for (UserId user : event.audience()) {
            for (Session session : local.getOrDefault(user, Set.of())) {
                session.receive(event);
            }
        }
    }

    private void adviseResync() {
        local.values().forEach(sessions -> sessions.forEach(session -> session.submit(() -> session.send(new ResyncAdvised()))));
    }

    private void heartbeat() {
        Instant now = clock.instant();
        Instant until = now.plus(settings.presenceTtl());
        local.forEach((user, sessions) -> sessions.forEach(session -> guarded(() -> {
            // true when the user had gone offline meanwhile (a sweep after a stalled heartbeat, a Redis restart)
            if (presence.connected(user, session.id, now, until)) {
                tellWatchers(user, true);
            }
        })));
    }

    private void sweep() {
        guarded(() -> {
            Instant now = clock.instant();
            Set<UserId> gone = presence.expire(now);
            if (gone.isEmpty()) {
                return;
            }
            // one may have reconnected since: announcing them offline would be wrong
            Set<UserId> backAlready = presence.onlineAmong(gone, now);
            for (UserId user : gone) {
                if (!backAlready.contains(user)) {
                    tellWatchers(user, false);
                }
            }
        });
    }

    /** Tells the user's watchers that the user came or went; nothing is published when nobody watches. */
    private void tellWatchers(UserId user, boolean online) {
        Set<UserId> watchers = watchers(user);
        if (!watchers.isEmpty()) {
            bus.publish(new PresenceChanged(user, online, watchers));
        }
    }

    private Set<UserId> watchers(UserId user) {
        return inbox.list(user, settings.replayConversations()).stream()
                .map(InboxEntry::peer)
                .filter(peer -> !peer.equals(user))
                .collect(Collectors.toSet());
    }

    /** The event's type as clients see it, a bounded set of names. */
    public static String typeOf(LiveEvent event) {
        if (event instanceof MessageCreated) {
            return "message.created";
        }
        if (event instanceof ReadMarkerMoved) {
            return "message.read";
        }
        if (event instanceof Typing) {
            return "typing";
        }
        return "presence";
    }

    private static void guarded(Runnable timerWork) {
        try {
            timerWork.run();
        } catch (RuntimeException e) {
            // a timer that throws is cancelled for good; the next round tries again instead
        }
    }

    private enum State { PENDING, LIVE, CLOSED }

    /** One connection: its mailbox, what it has been given, and what is held back. */
    private final class Session implements LiveConnection {

        private final UserId user;
        private final ClientChannel channel;
        private final String id;
        private final Mailbox mailbox;
        // touched only by mailbox tasks, one at a time
        private final DeliveryCursor cursor = new DeliveryCursor();
        private final List<LiveEvent> held = new ArrayList<>();
        private final TypingThrottle throttle;
        private State state = State.PENDING;
        private volatile boolean closing;

        Session(UserId user, ClientChannel channel, String id) {
            this.user = user;
            this.channel = Objects.requireNonNull(channel, "channel");
            this.id = id;
            this.mailbox = new Mailbox(executor, settings.mailboxCapacity());
            this.throttle = new TypingThrottle(settings.typingBurst(), settings.typingInterval(), clock.instant());
        }

        void submit(Runnable task) {
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
                // the connection can no longer promise gap-free delivery: the client reconnects and resumes
                closing = true;
                channel.close(SERVER_ERROR, "server error; reconnect and resume");
            }
        }

        void receive(LiveEvent event) {
            submit(() -> {
                if (state == State.PENDING) {
                    held.add(event);
                    if (held.size() > settings.mailboxCapacity()) {
                        tooSlow();
                    }
                } else if (state == State.LIVE) {
                    deliver(event);
                }
            });
        }

        private void deliver(LiveEvent event) {
            if (event instanceof MessageCreated created) {
                Message message = created.message();
                ConversationId conversation = message.conversationId();
                var decision = cursor.decide(conversation, message.seq());
                if (decision instanceof DeliveryCursor.AlreadyDelivered) {
                    return;
                }
                if (decision instanceof DeliveryCursor.FillGap gap) {
                    if (gap.size() > settings.replayPerConversation()) {
                        // too much to fill live: the client fetches the gap through the HTTP API
                        send(new ResumeTruncated(message.conversationId().peerOf(user), gap.fromSeq() - 1));
                        cursor.skipTo(conversation, message.seq() - 1);
                    } else {
                        for (Message earlier : messages.after(conversation, gap.fromSeq() - 1, (int) gap.size())) {
                            if (earlier.seq() < message.seq()) {
                                sendMessage(earlier);
                            }
                        }
                    }
                }
                sendMessage(message);
                return;
            }
            send(new Live(event));
        }

        private void sendMessage(Message message) {
            send(new Live(new MessageCreated(message)));
            cursor.delivered(message.conversationId(), message.seq());
        }

        private void send(ServerMessage message) {
            if (state == State.CLOSED) {
                return;
            }
            boolean accepted = channel.offer(message);
            if (message instanceof Live live) {
                metrics.liveEvent(typeOf(live.event()), accepted);
            }
            if (!accepted) {
                tooSlow();
            }
        }

        private void tooSlow() {
            closing = true;
            channel.close(TOO_SLOW, "too slow: the server's queue for this connection is full");
        }

        void announce() {
            Instant now = clock.instant();
            if (presence.connected(user, id, now, now.plus(settings.presenceTtl()))) {
                tellWatchers(user, true);
            }
        }

        void goLive() {
            if (state != State.PENDING) {
                return;
            }
            state = State.LIVE;
            for (LiveEvent event : held) {
                deliver(event);
            }
            held.clear();
        }

        @Override
        public void resume(Map<UserId, Long> positions) {
            Map<UserId, Long> copy = Map.copyOf(positions);
            submit(() -> replay(copy));
        }

        private void replay(Map<UserId, Long> positions) {
            if (state == State.CLOSED) {
                return;
            }
            int replayed = 0;
            Set<UserId> seen = new HashSet<>();
            for (InboxEntry entry : inbox.list(user, settings.replayConversations())) {
                UserId peer = entry.peer();
                seen.add(peer);
                ConversationId conversation = entry.conversationId();
                long known = Math.max(0, positions.getOrDefault(peer, 0L));
                int budget = Math.min(settings.replayPerConversation(), settings.replayTotal() - replayed);
                long reached = known;
                boolean truncated = false;
                for (DeliveryCursor.Span span : cursor.missing(conversation, known, entry.lastSeq())) {
                    int wanted = (int) Math.min(Integer.MAX_VALUE, span.upToSeq() - span.afterSeq());
                    List<Message> missed = budget > 0
                            ? messages.after(conversation, span.afterSeq(), Math.min(wanted, budget))
                            : List.of();
                    for (Message message : missed) {
                        send(new Live(new MessageCreated(message)));
                        reached = Math.max(reached, message.seq());
                    }
                    budget -= missed.size();
                    replayed += missed.size();
                    if (missed.size() < wanted) {
                        truncated = true;
                        // the client fetches the rest through the HTTP API; live delivery continues after it
                        send(new ResumeTruncated(peer, missed.isEmpty() ? span.afterSeq() : missed.get(missed.size() - 1).seq()));
                        break;
                    }
                }
                if (truncated) {
                    cursor.skipTo(conversation, entry.lastSeq());
                } else {
                    cursor.replayed(conversation, known, reached);
                }
            }
            positions.forEach((peer, seq) -> {
                if (!seen.contains(peer)) {
                    ConversationId conversation = ConversationId.between(user, peer);
                    cursor.skipTo(conversation, Math.max(0, seq));
                }
            });
            send(new ResumeDone(replayed));
            goLive();
        }

        @Override
        public void typing(UserId peer) {
            submit(() -> {
                Instant now = clock.instant();
                if (!throttle.tryAcquire(now)) {
                    send(new Problem("rate_limited", "too many typing indications; at most "
                            + settings.typingBurst() + " at once, then one per " + settings.typingInterval().toMillis() + " ms"));
                    return;
                }
                Optional<Message> any = messages.page(ConversationId.between(user, peer), new HistoryPage(1, 0, Optional.empty()))
                        .stream().findFirst();
                if (any.isEmpty() || peer.equals(user)) {
                    send(new Problem("no_conversation", "typing can only be shown to someone you have a conversation with"));
                    return;
                }
                bus.publish(new Typing(user, peer, now.plus(settings.typingTtl())));
            });
        }

        @Override
        public void ping() {
            submit(() -> send(new Pong()));
        }

        @Override
        public void activity() {
            submit(this::goLive);
        }

        @Override
        public void closed() {
            closing = true;
            // never refused: a connection that is gone must leave the registry and presence
            mailbox.submitAlways(() -> run(() -> {
                if (state == State.CLOSED) {
                    return;
                }
                state = State.CLOSED;
                held.clear();
                metrics.liveConnection(false);
                Set<Session> sessions = local.get(user);
                if (sessions != null) {
                    sessions.remove(this);
                    local.computeIfPresent(user, (id, remaining) -> remaining.isEmpty() ? null : remaining);
                }
                if (presence.disconnected(user, id, clock.instant())) {
                    tellWatchers(user, false);
                }
            }));
        }
    }
}
