package io.chatplatform.adapter.postgres;

import io.chatplatform.application.port.out.AppendMessage;
import io.chatplatform.application.port.out.AppendMessage.NewMessage;
import io.chatplatform.application.port.out.AppendMessage.Participant;
import io.chatplatform.application.port.out.CreateUser;
import io.chatplatform.application.port.out.CreateUser.NewUser;
import io.chatplatform.domain.message.ClientMessageId;
import io.chatplatform.domain.message.Message;
import io.chatplatform.domain.message.MessageContent;
import io.chatplatform.domain.user.Email;
import io.chatplatform.domain.user.PasswordHash;
import io.chatplatform.domain.user.User;
import io.chatplatform.domain.user.Username;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** Small builders for test data. */
final class Fixtures {

    static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");

    private static final AtomicInteger NAMES = new AtomicInteger();

    private Fixtures() {
    }

    /** A unique username starting with {@code prefix}. */
    static String uniqueName(String prefix) {
        return prefix + "_" + NAMES.incrementAndGet();
    }

    static NewUser newUser(String username, String email) {
        return new NewUser(Username.of(username), Email.of(email), new PasswordHash("$2a$10$hash-of-" + username), T0);
    }

    /** Registers a user with a unique name derived from {@code prefix}. */
    static User register(CreateUser users, String prefix) {
        String name = uniqueName(prefix);
        return ((CreateUser.Created) users.create(newUser(name, name + "@example.com"))).user();
    }

    static NewMessage message(User from, User to, String content, Instant at) {
        return new NewMessage(participant(from), participant(to), MessageContent.of(content), Optional.empty(), at);
    }

    static NewMessage message(User from, User to, String content, Instant at, String clientMessageId) {
        return new NewMessage(participant(from), participant(to), MessageContent.of(content),
                Optional.of(ClientMessageId.of(clientMessageId)), at);
    }

    /** Appends and returns the stored message, failing if it was a duplicate. */
    static Message send(AppendMessage store, User from, User to, String content, Instant at) {
        return ((AppendMessage.Appended) store.append(message(from, to, content, at))).message();
    }

    static Participant participant(User user) {
        return new Participant(user.id(), user.username());
    }
}
