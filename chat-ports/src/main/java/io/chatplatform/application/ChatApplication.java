package io.chatplatform.application;

import io.chatplatform.application.port.in.Authenticate;
import io.chatplatform.application.port.in.CountUnread;
import io.chatplatform.application.port.in.ListConversations;
import io.chatplatform.application.port.in.ListOnlineUsers;
import io.chatplatform.application.port.in.LogIn;
import io.chatplatform.application.port.in.MarkRead;
import io.chatplatform.application.port.in.ReadHistory;
import io.chatplatform.application.port.in.RecordActivity;
import io.chatplatform.application.port.in.RegisterUser;
import io.chatplatform.application.port.in.SearchUsers;
import io.chatplatform.application.port.in.SendMessage;
import io.chatplatform.application.port.in.UpdateProfile;
import io.chatplatform.application.port.in.ViewOwnProfile;
import io.chatplatform.application.port.in.ViewProfile;
import io.chatplatform.application.port.out.AccessTokens;
import io.chatplatform.application.port.out.AppendMessage;
import io.chatplatform.application.port.out.CreateUser;
import io.chatplatform.application.port.out.EventPublisher;
import io.chatplatform.application.port.out.FindUsers;
import io.chatplatform.application.port.out.LoadInbox;
import io.chatplatform.application.port.out.LoadMessages;
import io.chatplatform.application.port.out.LoadUser;
import io.chatplatform.application.port.out.MoveReadMarker;
import io.chatplatform.application.port.out.PasswordHasher;
import io.chatplatform.application.port.out.UpdateUser;
import io.chatplatform.application.service.AccountService;
import io.chatplatform.application.service.ActivityService;
import io.chatplatform.application.service.DirectoryService;
import io.chatplatform.application.service.InboxService;
import io.chatplatform.application.service.MessagingService;
import io.chatplatform.domain.user.Presence;
import java.time.Clock;
import java.util.Objects;

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
                              MarkRead markRead, ListConversations listConversations, CountUnread countUnread) {

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
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects the outbound ports; clock, presence policy and event publisher have defaults. */
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
            var accounts = new AccountService(createUser, loadUser, updateUser, passwordHasher, accessTokens, events, clock);
            var activity = new ActivityService(updateUser, presence, clock);
            var directory = new DirectoryService(findUsers, loadUser, presence, clock);
            var messaging = new MessagingService(loadUser, appendMessage, loadMessages, moveReadMarker, events, clock);
            var inbox = new InboxService(loadInbox);
            return new ChatApplication(accounts, accounts, accounts, activity, accounts, accounts, directory,
                    directory, directory, messaging, messaging, messaging, inbox, inbox);
        }

        private static void require(Object port, String name) {
            if (port == null) {
                throw new IllegalStateException("ChatApplication needs " + name + "; it was not given to the builder");
            }
        }
    }
}
