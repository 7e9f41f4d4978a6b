package io.chatplatform.application;

import io.chatplatform.application.cache.ChatCache;
import io.chatplatform.application.port.in.ViewCacheStats;
import io.chatplatform.application.port.out.BlockStore;
import io.chatplatform.application.port.out.ErrorReporter.Where;
import io.chatplatform.application.port.out.SessionStore;
import io.chatplatform.application.port.out.ErrorReporter;
import io.chatplatform.application.port.out.EventPublisher;
import io.chatplatform.application.port.out.LiveEventBus;
import io.chatplatform.application.port.out.LoadInbox;
import io.chatplatform.application.port.out.LoadMessages;
import io.chatplatform.application.port.out.LoadUser;
import io.chatplatform.application.port.out.PresenceRegistry;
import io.chatplatform.application.realtime.InProcessLiveEventBus;
import io.chatplatform.application.realtime.InProcessPresenceRegistry;
import io.chatplatform.application.realtime.LiveConnections;
import io.chatplatform.application.realtime.LiveEventPublisher;
import io.chatplatform.application.service.AccountService;
import io.chatplatform.application.service.AccountDeletionService;
import io.chatplatform.application.service.ActivityService;
import io.chatplatform.application.service.BackgroundExecutor;
import io.chatplatform.application.service.BlockService;
import io.chatplatform.application.service.ExportService;
import io.chatplatform.application.service.SessionService;
import io.chatplatform.application.service.DirectoryService;
import io.chatplatform.application.service.InboxService;
import io.chatplatform.application.service.MessageChangeService;
import io.chatplatform.application.service.MessagingService;
import io.chatplatform.application.service.RateLimiting;
import io.chatplatform.domain.message.change.MessageChangePolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Puts a {@link ChatApplication} together from what its {@link ChatApplication.Builder} collected. */
final class ChatAssembly {

    private ChatAssembly() {
    }

    static ChatApplication assemble(ChatApplication.Builder given) {
        ErrorReporter errors = ErrorReporter.counted(given.errors, given.metrics);
        RateLimiting limiting = given.rateLimits.limits().isEmpty()
                ? RateLimiting.NONE
                : new RateLimiting(given.rateLimiter, given.rateLimits, given.metrics);
        LoadUser users = given.loadUser;
        LoadMessages messages = given.loadMessages;
        LoadInbox inboxes = given.loadInbox;
        SessionStore sessionStore = given.sessions;
        BlockStore blockStore = given.blocks;
        LiveEventBus bus = given.liveEventBus != null ? given.liveEventBus : new InProcessLiveEventBus();
        PresenceRegistry registry = given.presenceRegistry != null ? given.presenceRegistry : new InProcessPresenceRegistry();
        List<EventPublisher> listeners = new ArrayList<>();
        ViewCacheStats cacheStats = ViewCacheStats.disabled();
        if (given.cache != null) {
            ChatCache chatCache = new ChatCache(given.cache, given.metrics);
            users = chatCache.users(given.loadUser);
            messages = chatCache.messages(given.loadMessages);
            inboxes = chatCache.inbox(given.loadInbox);
            sessionStore = chatCache.sessions(given.sessions);
            blockStore = chatCache.blocks(given.blocks);
            // invalidate first, so that a client told of a change by a live event reads it fresh
            listeners.add(reported(chatCache.invalidation(), errors));
            cacheStats = chatCache;
        }
        listeners.add(reported(new LiveEventPublisher(bus), errors));
        listeners.add(reported(given.events, errors));
        EventPublisher publisher = EventPublisher.all(listeners);
        var policy = new MessageChangePolicy(given.messageChangeLimits);
        var messaging = new MessagingService(users, given.appendMessage, messages, given.moveReadMarker, publisher,
                given.metrics, limiting, given.clock, policy, blockStore);
        var changes = new MessageChangeService(given.changeMessages, messages, policy, publisher, given.metrics,
                limiting, given.clock);
        var live = new LiveConnections(bus, registry, inboxes, given.loadChanges, messaging, blockStore, given.clock,
                given.realtimeSettings, Optional.ofNullable(given.connectionExecutor), Optional.ofNullable(given.scheduler),
                given.metrics, errors);
        var activity = new ActivityService(given.updateUser, given.presence, registry, publisher, given.clock);
        var sessions = new SessionService(sessionStore, given.accessTokens, given.sessionPolicy, publisher, limiting,
                given.metrics, given.clock);
        var accounts = new AccountService(given.createUser, users, given.updateUser, given.passwordHasher,
                given.accessTokens, sessions, publisher, activity, given.metrics, limiting, given.clock);
        var directory = new DirectoryService(given.findUsers, users, registry, limiting, blockStore, given.clock);
        var blocking = new BlockService(blockStore, users, registry, bus, publisher, given.clock);
        var deletion = new AccountDeletionService(given.loadUser, given.passwordHasher, given.eraseAccounts, sessions,
                publisher, given.erasurePolicy,
                given.erasureExecutor != null ? given.erasureExecutor : new BackgroundExecutor("chat-erasure"),
                errors, given.clock);
        // the export reads the stores of record, not the cache
        var export = new ExportService(given.loadUser, given.sessions, given.loadInbox, given.loadMessages);
        var inbox = new InboxService(inboxes);
        return new ChatApplication(accounts, accounts, accounts, activity, accounts, accounts, directory,
                directory, directory, messaging, messaging, messaging, inbox, inbox, cacheStats, live, changes, messaging,
                sessions, sessions, blocking, deletion, export);
    }

    /**
     * The listener, made harmless to its caller: the change it is told of is already stored, so a
     * listener that throws is reported and counted, and the use case answers as if it had not.
     */
    private static EventPublisher reported(EventPublisher listener, ErrorReporter errors) {
        return event -> {
            try {
                listener.publish(event);
            } catch (RuntimeException e) {
                errors.report(Where.EVENT_LISTENER, e);
            }
        };
    }
}
