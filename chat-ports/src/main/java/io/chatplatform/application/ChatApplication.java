package io.chatplatform.application;

import io.chatplatform.application.port.in.Authenticate;
import io.chatplatform.application.port.in.BlockUsers;
import io.chatplatform.application.port.in.DeleteAccount;
import io.chatplatform.application.port.in.ExportAccount;
import io.chatplatform.application.port.in.ManageSessions;
import io.chatplatform.application.port.in.RefreshSession;
import io.chatplatform.application.port.in.ChangeMessage;
import io.chatplatform.application.port.in.CountUnread;
import io.chatplatform.application.port.in.ListConversations;
import io.chatplatform.application.port.in.ListOnlineUsers;
import io.chatplatform.application.port.in.LogIn;
import io.chatplatform.application.port.in.MarkDelivered;
import io.chatplatform.application.port.in.MarkRead;
import io.chatplatform.application.port.in.OpenLiveConnection;
import io.chatplatform.application.port.in.ReadHistory;
import io.chatplatform.application.port.in.RecordActivity;
import io.chatplatform.application.port.in.RegisterUser;
import io.chatplatform.application.port.in.SearchUsers;
import io.chatplatform.application.port.in.SendMessage;
import io.chatplatform.application.port.in.UpdateProfile;
import io.chatplatform.application.port.in.ViewCacheStats;
import io.chatplatform.application.port.in.ViewOwnProfile;
import io.chatplatform.application.port.in.ViewProfile;
import io.chatplatform.application.port.out.AccessTokens;
import io.chatplatform.application.port.out.AppendMessage;
import io.chatplatform.application.port.out.BlockStore;
import io.chatplatform.application.port.out.EraseAccounts;
import io.chatplatform.application.port.out.SessionStore;
import io.chatplatform.application.port.out.ChangeMessages;
import io.chatplatform.application.port.out.CacheStore;
import io.chatplatform.application.port.out.ChatMetrics;
import io.chatplatform.application.port.out.CreateUser;
import io.chatplatform.application.port.out.ErrorReporter;
import io.chatplatform.application.port.out.EventPublisher;
import io.chatplatform.application.port.out.FindUsers;
import io.chatplatform.application.port.out.LiveEventBus;
import io.chatplatform.application.port.out.LoadInbox;
import io.chatplatform.application.port.out.LoadChanges;
import io.chatplatform.application.port.out.LoadMessages;
import io.chatplatform.application.port.out.LoadUser;
import io.chatplatform.application.port.out.MoveReadMarker;
import io.chatplatform.application.port.out.PasswordHasher;
import io.chatplatform.application.port.out.PresenceRegistry;
import io.chatplatform.application.port.out.RateLimiter;
import io.chatplatform.application.port.out.UpdateUser;
import io.chatplatform.application.realtime.RealtimeSettings;
import io.chatplatform.domain.limit.MessageChangeLimits;
import io.chatplatform.domain.limit.RateLimits;
import io.chatplatform.domain.session.SessionPolicy;
import io.chatplatform.domain.user.AccountErasurePolicy;
import io.chatplatform.domain.user.Presence;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Every use case of the chat, ready to call: the entry point for an application that embeds the
 * chat, and what the HTTP adapter is given. Build it from the outbound ports with {@link #builder()}.
 *
 * <pre>{@code
 * // every port in memory (InMemoryAdapters), then replace the ones you have: here the stores
 * try (ChatApplication chat = InMemoryAdapters.builder()
 *         .users(yourUserStore)          // CreateUser & LoadUser & UpdateUser & FindUsers
 *         .messages(yourMessageStore)    // AppendMessage & LoadMessages & LoadInbox & MoveReadMarker
 *                                        // & ChangeMessages & LoadChanges
 *         .build()) {
 *     chat.sendMessage().send(new SendMessage.Command(alice, bob, MessageContent.of("hi"), Optional.empty()));
 * }
 * }</pre>
 *
 * <p>The README's "Embed it" section has a complete program (module {@code examples/embedded}).
 *
 * <p>Building starts no thread; the first live connection starts real time (see
 * {@link io.chatplatform.application.realtime.LiveConnections}), and {@link #close()} stops what
 * the library started. This file is longer than the other classes of the library because of its
 * {@link Builder}: one documented method per port and option, the embedder's way in, read best in
 * one place; putting the pieces together is {@code ChatAssembly}'s job.
 */
public record ChatApplication(RegisterUser registerUser, LogIn logIn, Authenticate authenticate,
                              RecordActivity recordActivity, ViewOwnProfile viewOwnProfile,
                              UpdateProfile updateProfile, ViewProfile viewProfile, SearchUsers searchUsers,
                              ListOnlineUsers listOnlineUsers, SendMessage sendMessage, ReadHistory readHistory,
                              MarkRead markRead, ListConversations listConversations, CountUnread countUnread,
                              ViewCacheStats viewCacheStats, OpenLiveConnection openLiveConnection,
                              ChangeMessage changeMessage, MarkDelivered markDelivered,
                              RefreshSession refreshSession, ManageSessions manageSessions, BlockUsers blockUsers,
                              DeleteAccount deleteAccount, ExportAccount exportAccount)
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
        Objects.requireNonNull(changeMessage, "changeMessage");
        Objects.requireNonNull(markDelivered, "markDelivered");
        Objects.requireNonNull(refreshSession, "refreshSession");
        Objects.requireNonNull(manageSessions, "manageSessions");
        Objects.requireNonNull(blockUsers, "blockUsers");
        Objects.requireNonNull(deleteAccount, "deleteAccount");
        Objects.requireNonNull(exportAccount, "exportAccount");
    }

    /**
     * Stops everything the library started: live connections are closed as going away, their
     * timers and bus subscription end, and the connection threads, timer thread and erasure thread
     * the library created are shut down (an erasure under way continues at the next
     * {@link DeleteAccount#resumeErasures()}). What the caller gave the builder (stores, bus, presence registry, an
     * executor or scheduler) is not closed: it belongs to the caller. Calling it again does nothing.
     */
    @Override
    public void close() {
        if (deleteAccount instanceof AutoCloseable erasures) {
            try {
                erasures.close();
            } catch (Exception e) {
                throw new IllegalStateException("could not stop account erasures", e);
            }
        }
        if (openLiveConnection instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException("could not stop live connections", e);
            }
        }
    }

    /** A builder to which the outbound ports are given; see {@link Builder#build()} for what is required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Collects the outbound ports. Required: the user ports ({@link #users} or each of them), the
     * message ports ({@link #messages} or each of them), a {@link #passwordHasher},
     * {@link #accessTokens}, {@link #sessions}, {@link #blocks} and {@link #eraseAccounts}. Everything else has a default. Not thread-safe: build on one thread.
     */
    public static final class Builder {
        // package-private: ChatAssembly reads them
        CreateUser createUser;
        LoadUser loadUser;
        UpdateUser updateUser;
        FindUsers findUsers;
        AppendMessage appendMessage;
        LoadMessages loadMessages;
        LoadInbox loadInbox;
        MoveReadMarker moveReadMarker;
        ChangeMessages changeMessages;
        LoadChanges loadChanges;
        MessageChangeLimits messageChangeLimits = MessageChangeLimits.defaults();
        PasswordHasher passwordHasher;
        AccessTokens accessTokens;
        SessionStore sessions;
        BlockStore blocks;
        EraseAccounts eraseAccounts;
        SessionPolicy sessionPolicy = SessionPolicy.DEFAULT;
        AccountErasurePolicy erasurePolicy = AccountErasurePolicy.DEFAULT;
        Executor erasureExecutor;
        EventPublisher events = EventPublisher.none();
        Clock clock = Clock.systemUTC();
        Presence presence = Presence.DEFAULT;
        CacheStore cache;
        LiveEventBus liveEventBus;
        PresenceRegistry presenceRegistry;
        RealtimeSettings realtimeSettings = RealtimeSettings.DEFAULT;
        Executor connectionExecutor;
        ScheduledExecutorService scheduler;
        ChatMetrics metrics = ChatMetrics.NONE;
        ErrorReporter errors = ErrorReporter.systemLogger();
        RateLimiter rateLimiter;
        RateLimits rateLimits = RateLimits.none();

        private Builder() {
        }

        /** One store for every user port. */
        public <S extends CreateUser & LoadUser & UpdateUser & FindUsers> Builder users(S store) {
            return createUser(store).loadUser(store).updateUser(store).findUsers(store);
        }

        /** One store for every message and conversation-list port. */
        public <S extends AppendMessage & LoadMessages & LoadInbox & MoveReadMarker & ChangeMessages & LoadChanges>
        Builder messages(S store) {
            return appendMessage(store).loadMessages(store).loadInbox(store).moveReadMarker(store)
                    .changeMessages(store).loadChanges(store);
        }

        /** Stores new accounts (or give {@link #users}). */
        public Builder createUser(CreateUser port) {
            this.createUser = Objects.requireNonNull(port, "createUser");
            return this;
        }

        /** Reads accounts (or give {@link #users}). */
        public Builder loadUser(LoadUser port) {
            this.loadUser = Objects.requireNonNull(port, "loadUser");
            return this;
        }

        /** Changes accounts: profiles, password hashes, last seen (or give {@link #users}). */
        public Builder updateUser(UpdateUser port) {
            this.updateUser = Objects.requireNonNull(port, "updateUser");
            return this;
        }

        /** Searches and lists users (or give {@link #users}). */
        public Builder findUsers(FindUsers port) {
            this.findUsers = Objects.requireNonNull(port, "findUsers");
            return this;
        }

        /** Stores messages (or give {@link #messages}). */
        public Builder appendMessage(AppendMessage port) {
            this.appendMessage = Objects.requireNonNull(port, "appendMessage");
            return this;
        }

        /** Reads messages: history, replay (or give {@link #messages}). */
        public Builder loadMessages(LoadMessages port) {
            this.loadMessages = Objects.requireNonNull(port, "loadMessages");
            return this;
        }

        /** Reads conversation lists (or give {@link #messages}). */
        public Builder loadInbox(LoadInbox port) {
            this.loadInbox = Objects.requireNonNull(port, "loadInbox");
            return this;
        }

        /** Moves read and delivery markers (or give {@link #messages}). */
        public Builder moveReadMarker(MoveReadMarker port) {
            this.moveReadMarker = Objects.requireNonNull(port, "moveReadMarker");
            return this;
        }

        /** Edits, deletes and reacts to stored messages (or give {@link #messages}). */
        public Builder changeMessages(ChangeMessages port) {
            this.changeMessages = Objects.requireNonNull(port, "changeMessages");
            return this;
        }

        /** Reads conversations' change streams, for resumes (or give {@link #messages}). */
        public Builder loadChanges(LoadChanges port) {
            this.loadChanges = Objects.requireNonNull(port, "loadChanges");
            return this;
        }

        /** The edit window, edit history length and emoji per message; {@link MessageChangeLimits#defaults()} unless given. */
        public Builder messageChangeLimits(MessageChangeLimits limits) {
            this.messageChangeLimits = Objects.requireNonNull(limits, "messageChangeLimits");
            return this;
        }

        /** Keeps login sessions and their refresh tokens. Required. */
        public Builder sessions(SessionStore port) {
            this.sessions = Objects.requireNonNull(port, "sessions");
            return this;
        }

        /** Keeps who blocked whom. Required. */
        public Builder blocks(BlockStore port) {
            this.blocks = Objects.requireNonNull(port, "blocks");
            return this;
        }

        /** Erases deleted accounts, step by step. Required. */
        public Builder eraseAccounts(EraseAccounts port) {
            this.eraseAccounts = Objects.requireNonNull(port, "eraseAccounts");
            return this;
        }

        /**
         * Token lifetimes and the grace for duplicate refreshes; {@link SessionPolicy#DEFAULT} unless
         * given. The access token lifetime must match the {@link #accessTokens} issuer's.
         */
        public Builder sessionPolicy(SessionPolicy policy) {
            this.sessionPolicy = Objects.requireNonNull(policy, "sessionPolicy");
            return this;
        }

        /** How long a deleted account's handles stay taken, and the erasure's step size; {@link AccountErasurePolicy#DEFAULT} unless given. */
        public Builder erasurePolicy(AccountErasurePolicy policy) {
            this.erasurePolicy = Objects.requireNonNull(policy, "erasurePolicy");
            return this;
        }

        /**
         * Runs deleted accounts' erasures in the background. Unless given, one daemon thread
         * ({@code chat-erasure-N}) is started on the first deletion (or resume) and stopped by
         * {@link ChatApplication#close()}; one given here is never shut down by the library.
         */
        public Builder erasureExecutor(Executor executor) {
            this.erasureExecutor = Objects.requireNonNull(executor, "erasureExecutor");
            return this;
        }

        /** Hashes and checks passwords. Required. */
        public Builder passwordHasher(PasswordHasher port) {
            this.passwordHasher = Objects.requireNonNull(port, "passwordHasher");
            return this;
        }

        /** Issues and checks access tokens. Required. */
        public Builder accessTokens(AccessTokens port) {
            this.accessTokens = Objects.requireNonNull(port, "accessTokens");
            return this;
        }

        /**
         * Is told of every committed change (after the cache, if any, and the live connections). It
         * runs on the thread of the use case, after the change is stored: a publisher that throws
         * does not fail the use case; its failure goes to the {@link #errors error reporter}.
         * Nobody is told unless given.
         */
        public Builder events(EventPublisher port) {
            this.events = Objects.requireNonNull(port, "events");
            return this;
        }

        /** The time of messages, logins and presence; the system clock in UTC unless given. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How long a request keeps its user online, and how often last seen is written; {@link Presence#DEFAULT} unless given. */
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

        /** Carries live events between instances; in process (one instance) unless given. Not closed by the library. */
        public Builder liveEventBus(LiveEventBus bus) {
            this.liveEventBus = Objects.requireNonNull(bus, "liveEventBus");
            return this;
        }

        /** Who is online, shared by the instances; in process (one instance) unless given. Not closed by the library. */
        public Builder presenceRegistry(PresenceRegistry registry) {
            this.presenceRegistry = Objects.requireNonNull(registry, "presenceRegistry");
            return this;
        }

        /** Tunables of live connections (waits, timers, budgets); {@link RealtimeSettings#DEFAULT} unless given. */
        public Builder realtimeSettings(RealtimeSettings settings) {
            this.realtimeSettings = Objects.requireNonNull(settings, "realtimeSettings");
            return this;
        }

        /**
         * Runs the live connections' work (give virtual threads when the JVM has them). Unless
         * given, a cached pool of daemon threads ({@code chat-live-N}) is created when the first
         * live connection opens, and shut down by {@link ChatApplication#close()}; one given here
         * is never shut down by the library.
         */
        public Builder connectionExecutor(Executor executor) {
            this.connectionExecutor = Objects.requireNonNull(executor, "connectionExecutor");
            return this;
        }

        /**
         * Runs the live connections' timers (presence heartbeat and sweep, the wait for a resume).
         * Unless given, one daemon thread ({@code chat-live-timer-N}) is created when the first live
         * connection opens, and shut down by {@link ChatApplication#close()}; one given here is
         * never shut down by the library ({@code close()} only cancels the library's timers on it).
         */
        public Builder scheduler(ScheduledExecutorService scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /** Where the application reports sends, logins, cache lookups, live connections and its own failures; nowhere unless given. */
        public Builder metrics(ChatMetrics metrics) {
            this.metrics = Objects.requireNonNull(metrics, "metrics");
            return this;
        }

        /**
         * Where failures the library cannot hand to a caller go (on its timers and connection
         * threads, in event publishers); each is also counted by {@link ChatMetrics#libraryError}.
         * The JDK's {@link System.Logger} unless given.
         */
        public Builder errors(ErrorReporter reporter) {
            this.errors = Objects.requireNonNull(reporter, "errors");
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

        /**
         * Puts the application together. Starts no thread: live connections start their threads and
         * timers when the first one opens.
         *
         * @throws IllegalStateException naming the first required port that was not given
         */
        public ChatApplication build() {
            require(createUser, "createUser (or users)");
            require(loadUser, "loadUser (or users)");
            require(updateUser, "updateUser (or users)");
            require(findUsers, "findUsers (or users)");
            require(appendMessage, "appendMessage (or messages)");
            require(loadMessages, "loadMessages (or messages)");
            require(loadInbox, "loadInbox (or messages)");
            require(moveReadMarker, "moveReadMarker (or messages)");
            require(changeMessages, "changeMessages (or messages)");
            require(loadChanges, "loadChanges (or messages)");
            require(passwordHasher, "passwordHasher");
            require(accessTokens, "accessTokens");
            require(sessions, "sessions");
            require(blocks, "blocks");
            require(eraseAccounts, "eraseAccounts");
            if (!rateLimits.limits().isEmpty()) {
                require(rateLimiter, "rateLimiter (rate limits were given)");
            }
            return ChatAssembly.assemble(this);
        }

        private static void require(Object port, String name) {
            if (port == null) {
                throw new IllegalStateException("ChatApplication needs " + name + "; it was not given to the builder");
            }
        }
    }
}
