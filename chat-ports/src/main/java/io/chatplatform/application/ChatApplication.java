package io.chatplatform.application;

import io.chatplatform.application.port.in.Authenticate;
import io.chatplatform.application.port.in.CountUnread;
import io.chatplatform.application.port.in.ListConversations;
import io.chatplatform.application.port.in.ListOnlineUsers;
import io.chatplatform.application.port.in.LogIn;
import io.chatplatform.application.port.in.MarkRead;
import io.chatplatform.application.port.in.OpenLiveConnection;
import io.chatplatform.application.port.in.ReadHistory;
import io.chatplatform.application.port.in.RecordActivity;
import io.chatplatform.application.port.in.RegisterUser;
import io.chatplatform.application.port.in.SearchUsers;
import io.chatplatform.application.port.in.SendMessage;
import io.chatplatform.application.port.in.UpdateProfile;
import io.chatplatform.application.port.in.ViewOwnProfile;
import io.chatplatform.application.port.in.ViewCacheStats;
import io.chatplatform.application.port.in.ViewProfile;
import io.chatplatform.application.cache.ChatCache;
import io.chatplatform.application.port.out.AccessTokens;
import io.chatplatform.application.port.out.AppendMessage;
import io.chatplatform.application.port.out.CacheStore;
import io.chatplatform.application.port.out.ChatMetrics;
import io.chatplatform.application.port.out.CreateUser;
import io.chatplatform.application.port.out.EventPublisher;
import io.chatplatform.application.port.out.FindUsers;
import io.chatplatform.application.port.out.LiveEventBus;
import io.chatplatform.application.port.out.LoadInbox;
import io.chatplatform.application.port.out.LoadMessages;
import io.chatplatform.application.port.out.LoadUser;
import io.chatplatform.application.port.out.MoveReadMarker;
import io.chatplatform.application.port.out.PasswordHasher;
import io.chatplatform.application.port.out.PresenceRegistry;
import io.chatplatform.application.port.out.RateLimiter;
import io.chatplatform.application.realtime.InProcessLiveEventBus;
import io.chatplatform.application.realtime.InProcessPresenceRegistry;
import io.chatplatform.application.realtime.LiveEventPublisher;
import io.chatplatform.application.realtime.RealtimeHub;
import io.chatplatform.application.realtime.RealtimeSettings;
import io.chatplatform.application.port.out.UpdateUser;
import io.chatplatform.application.service.AccountService;
import io.chatplatform.application.service.ActivityService;
import io.chatplatform.application.service.DirectoryService;
import io.chatplatform.application.service.InboxService;
import io.chatplatform.application.service.MessagingService;
import io.chatplatform.application.service.RateLimiting;
import io.chatplatform.domain.limit.RateLimits;
import io.chatplatform.domain.user.Presence;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Every use case of the chat, ready to call: the entry point for an application that embeds the
 * chat, and what the HTTP adapter is given. Build it from the outbound ports with {@link #builder()}.
 *
 * <pre>{@code
 * ChatApplication chat = ChatApplication.builder()
 *         .users(userStore)            // CreateUser & LoadUser & UpdateUser & FindUsers
 *         .messages(messageStore)      // AppendMessage & LoadMessages & LoadInbox & MoveReadMarker
 *         .passwordHasher(hasher)
 *         .accessTokens(tokens)
 *         .build();
 * }</pre>
 */
public record ChatApplication(RegisterUser registerUser, LogIn logIn, Authenticate authenticate,
                              RecordActivity recordActivity, ViewOwnProfile viewOwnProfile,
                              UpdateProfile updateProfile, ViewProfile viewProfile, SearchUsers searchUsers,
                              ListOnlineUsers listOnlineUsers, SendMessage sendMessage, ReadHistory readHistory,
                              MarkRead markRead, ListConversations listConversations, CountUnread countUnread,
                              ViewCacheStats viewCacheStats, OpenLiveConnection openLiveConnection)
        implements AutoCloseable {

    public ChatApplication {
        Objects.requireNonNull(registerUser, "registerUser");
        Objects.requireNonNull(logIn, "logIn");
        Objects.requireNonNull(authenticate, "authenticate");
        Objects.requireNonNull(recordActivity, "recordActivity");
        Objects.requireNonNull(viewOwnProfile, "viewOwnProfile");
        Objects.requireNonNull(updateProfile, "updateProfile");
        Objects.requireNonNull(viewProfile, "viewProfile");
        Objects.requireNonNull(searchUsers, "searchUsers");
        Objects.requireNonNull(listOnlineUsers, "listOnlineUsers");
        Objects.requireNonNull(sendMessage, "sendMessage");
        Objects.requireNonNull(readHistory, "readHistory");
        Objects.requireNonNull(markRead, "markRead");
        Objects.requireNonNull(listConversations, "listConversations");
        Objects.requireNonNull(countUnread, "countUnread");
        Objects.requireNonNull(viewCacheStats, "viewCacheStats");
        Objects.requireNonNull(openLiveConnection, "openLiveConnection");
    }

    /** Stops the live connections' timers and closes the connections. */
    @Override
    public void close() {
        if (openLiveConnection instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException("could not stop live connections", e);
            }
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects the outbound ports; clock, presence policy and event publisher have defaults, the cache is optional. */
    public static final class Builder {
        private CreateUser createUser;
        private LoadUser loadUser;
        private UpdateUser updateUser;
        private FindUsers findUsers;
        private AppendMessage appendMessage;
        private LoadMessages loadMessages;
        private LoadInbox loadInbox;
        private MoveReadMarker moveReadMarker;
        private PasswordHasher passwordHasher;
        private AccessTokens accessTokens;
        private EventPublisher events = EventPublisher.none();
        private Clock clock = Clock.systemUTC();
        private Presence presence = Presence.DEFAULT;
        private CacheStore cache;
        private LiveEventBus liveEventBus;
        private PresenceRegistry presenceRegistry;
        private RealtimeSettings realtimeSettings = RealtimeSettings.DEFAULT;
        private Executor connectionExecutor;
        private ChatMetrics metrics = ChatMetrics.NONE;
        private RateLimiter rateLimiter;
        private RateLimits rateLimits = RateLimits.none();

        private Builder() {
        }

        /** One store for every user port. */
        public <S extends CreateUser & LoadUser & UpdateUser & FindUsers> Builder users(S store) {
            return createUser(store).loadUser(store).updateUser(store).findUsers(store);
        }

        /** One store for every message and conversation-list port. */
        public <S extends AppendMessage & LoadMessages & LoadInbox & MoveReadMarker> Builder messages(S store) {
            return appendMessage(store).loadMessages(store).loadInbox(store).moveReadMarker(store);
        }

        public Builder createUser(CreateUser port) {
            this.createUser = Objects.requireNonNull(port, "createUser");
            return this;
        }

        public Builder loadUser(LoadUser port) {
            this.loadUser = Objects.requireNonNull(port, "loadUser");
            return this;
        }

        public Builder updateUser(UpdateUser port) {
            this.updateUser = Objects.requireNonNull(port, "updateUser");
            return this;
        }

        public Builder findUsers(FindUsers port) {
            this.findUsers = Objects.requireNonNull(port, "findUsers");
            return this;
        }

        public Builder appendMessage(AppendMessage port) {
            this.appendMessage = Objects.requireNonNull(port, "appendMessage");
            return this;
        }

        public Builder loadMessages(LoadMessages port) {
            this.loadMessages = Objects.requireNonNull(port, "loadMessages");
            return this;
        }

        public Builder loadInbox(LoadInbox port) {
            this.loadInbox = Objects.requireNonNull(port, "loadInbox");
            return this;
        }

        public Builder moveReadMarker(MoveReadMarker port) {
            this.moveReadMarker = Objects.requireNonNull(port, "moveReadMarker");
            return this;
        }

        public Builder passwordHasher(PasswordHasher port) {
            this.passwordHasher = Objects.requireNonNull(port, "passwordHasher");
            return this;
        }

        public Builder accessTokens(AccessTokens port) {
            this.accessTokens = Objects.requireNonNull(port, "accessTokens");
            return this;
        }

        public Builder events(EventPublisher port) {
            this.events = Objects.requireNonNull(port, "events");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder presence(Presence presence) {
            this.presence = Objects.requireNonNull(presence, "presence");
            return this;
        }

        /**
         * Reads go through this cache, and every committed change invalidates what it made stale
         * before its writer is answered.
         */
        public Builder cache(CacheStore cache) {
            this.cache = Objects.requireNonNull(cache, "cache");
            return this;
        }

        /** Carries live events between instances; in process (one instance) unless given. */
        public Builder liveEventBus(LiveEventBus bus) {
            this.liveEventBus = Objects.requireNonNull(bus, "liveEventBus");
            return this;
        }

        /** Who is online, shared by the instances; in process (one instance) unless given. */
        public Builder presenceRegistry(PresenceRegistry registry) {
            this.presenceRegistry = Objects.requireNonNull(registry, "presenceRegistry");
            return this;
        }

        public Builder realtimeSettings(RealtimeSettings settings) {
            this.realtimeSettings = Objects.requireNonNull(settings, "realtimeSettings");
            return this;
        }

        /** Runs the live connections' work; a cached pool of daemon threads unless given (give virtual threads when the JVM has them). */
        public Builder connectionExecutor(Executor executor) {
            this.connectionExecutor = Objects.requireNonNull(executor, "connectionExecutor");
            return this;
        }

        /** Where the application reports sends, logins, cache lookups and live connections; nowhere unless given. */
        public Builder metrics(ChatMetrics metrics) {
            this.metrics = Objects.requireNonNull(metrics, "metrics");
            return this;
        }

        /**
         * Counts the limited actions (logins that fail, registrations, sends, searches); needed
         * when {@link #rateLimits} limits anything.
         */
        public Builder rateLimiter(RateLimiter limiter) {
            this.rateLimiter = Objects.requireNonNull(limiter, "rateLimiter");
            return this;
        }

        /** How much of each action a user or an address may do; nothing is limited unless given. */
        public Builder rateLimits(RateLimits limits) {
            this.rateLimits = Objects.requireNonNull(limits, "rateLimits");
            return this;
        }

        /** @throws IllegalStateException naming the first outbound port that was not given */
        public ChatApplication build() {
            require(createUser, "createUser (or users)");
            require(loadUser, "loadUser (or users)");
            require(updateUser, "updateUser (or users)");
            require(findUsers, "findUsers (or users)");
            require(appendMessage, "appendMessage (or messages)");
            require(loadMessages, "loadMessages (or messages)");
            require(loadInbox, "loadInbox (or messages)");
            require(moveReadMarker, "moveReadMarker (or messages)");
            require(passwordHasher, "passwordHasher");
            require(accessTokens, "accessTokens");
            if (!rateLimits.limits().isEmpty()) {
                require(rateLimiter, "rateLimiter (rate limits were given)");
            }
            RateLimiting limiting = rateLimits.limits().isEmpty()
                    ? RateLimiting.NONE
                    : new RateLimiting(rateLimiter, rateLimits, metrics);
            LoadUser users = loadUser;
            LoadMessages messages = loadMessages;
            LoadInbox inboxes = loadInbox;
            LiveEventBus bus = liveEventBus != null ? liveEventBus : new InProcessLiveEventBus();
            PresenceRegistry registry = presenceRegistry != null ? presenceRegistry : new InProcessPresenceRegistry();
            List<EventPublisher> listeners = new java.util.ArrayList<>();
            ViewCacheStats cacheStats = ViewCacheStats.disabled();
            if (cache != null) {
                ChatCache chatCache = new ChatCache(cache, metrics);
                users = chatCache.users(loadUser);
                messages = chatCache.messages(loadMessages);
                inboxes = chatCache.inbox(loadInbox);
                // invalidate first, so that a client told of a change by a live event reads it fresh
                listeners.add(chatCache.invalidation());
                cacheStats = chatCache;
            }
            listeners.add(new LiveEventPublisher(bus));
            listeners.add(events);
            EventPublisher publisher = EventPublisher.all(listeners);
            var hub = new RealtimeHub(bus, registry, inboxes, messages, clock, realtimeSettings,
                    connectionExecutor != null ? connectionExecutor : Executors.newCachedThreadPool(daemon("chat-live")),
                    scheduler(), metrics, io.chatplatform.application.port.out.ErrorReporter.counted(
                            io.chatplatform.application.port.out.ErrorReporter.systemLogger(), metrics));
            var activity = new ActivityService(updateUser, presence, registry, publisher, clock);
            var accounts = new AccountService(createUser, users, updateUser, passwordHasher, accessTokens, publisher, activity,
                    metrics, limiting, clock);
            var directory = new DirectoryService(findUsers, users, registry, limiting, clock);
            var messaging = new MessagingService(users, appendMessage, messages, moveReadMarker, publisher, metrics,
                    limiting, clock);
            var inbox = new InboxService(inboxes);
            return new ChatApplication(accounts, accounts, accounts, activity, accounts, accounts, directory,
                    directory, directory, messaging, messaging, messaging, inbox, inbox, cacheStats, hub);
        }

        private static ScheduledExecutorService scheduler() {
            return Executors.newSingleThreadScheduledExecutor(daemon("chat-live-timer"));
        }

        private static java.util.concurrent.ThreadFactory daemon(String name) {
            java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();
            return runnable -> {
                Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            };
        }

        private static void require(Object port, String name) {
            if (port == null) {
                throw new IllegalStateException("ChatApplication needs " + name + "; it was not given to the builder");
            }
        }
    }
}
