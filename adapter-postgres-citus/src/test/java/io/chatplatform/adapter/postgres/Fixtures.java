package io.chatplatform.adapter.postgres;

import io.chatplatform.application.port.out.AppendMessage.NewMessage;
import io.chatplatform.application.port.out.AppendMessage.Participant;
import io.chatplatform.application.port.out.AppendMessage;
import io.chatplatform.application.port.out.CreateUser.NewUser;
import io.chatplatform.application.port.out.CreateUser;
import io.chatplatform.domain.message.ClientMessageId;
import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.message.Message;
import io.chatplatform.domain.message.MessageContent;
import io.chatplatform.domain.message.MessageId;
import io.chatplatform.domain.user.Email;
import io.chatplatform.domain.user.PasswordHash;
import io.chatplatform.domain.user.Profile;
import io.chatplatform.domain.user.User;
import io.chatplatform.domain.user.UserId;
import io.chatplatform.domain.user.Username;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Handle;

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

    /**
     * Registers a user as the store did before V7 (the columns of V1 to V6, in a transaction of the
     * caller's): for tests that migrate a database holding older data.
     */
    static User registerBeforeV7(Handle handle, String prefix) {
        String name = uniqueName(prefix);
        NewUser user = newUser(name, name + "@example.com");
        long id = handle.createQuery("SELECT nextval('users_id_seq')").mapTo(Long.class).one();
        handle.execute("INSERT INTO usernames (username_canonical, user_id) VALUES (?, ?)", user.username().canonical(), id);
        handle.execute("INSERT INTO emails (email_canonical, user_id) VALUES (?, ?)", user.email().canonical(), id);
        handle.execute("""
                INSERT INTO users (id, username, email, password_hash, created_at, last_seen) VALUES (?, ?, ?, ?, ?, ?)""",
                id, user.username().value(), user.email().value(), user.passwordHash().value(), user.createdAt(),
                user.createdAt());
        return new User(UserId.of(id), user.username(), user.email(), user.passwordHash(), Profile.EMPTY,
                user.createdAt(), user.createdAt());
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

    /**
     * A message written as the store wrote it before V6 (the columns of V1 to V5, in one
     * transaction of the caller's): the conversation, the message with client message id
     * {@code "client-<seq>"}, its location and both list rows, the sender's read up to it. For
     * tests that migrate a database holding older data.
     */
    static Message sendBeforeV6(Handle handle, User from, User to, String content, long seq, Instant at) {
        ConversationId conversation = ConversationId.between(from.id(), to.id());
        handle.execute("""
                INSERT INTO conversations (id, user_low, user_high, last_seq, created_at) VALUES (?, ?, ?, 1, ?)
                ON CONFLICT (id) DO UPDATE SET last_seq = conversations.last_seq + 1""",
                conversation.value(), conversation.low().value(), conversation.high().value(), at);
        long id = handle.createQuery("""
                INSERT INTO messages (conversation_id, id, seq, sender_id, recipient_id, content, client_message_id, created_at)
                VALUES (?, nextval('messages_id_seq'), ?, ?, ?, ?, ?, ?) RETURNING id""")
                .bind(0, conversation.value()).bind(1, seq).bind(2, from.id().value()).bind(3, to.id().value())
                .bind(4, content).bind(5, "client-" + seq).bind(6, at)
                .mapTo(Long.class).one();
        handle.execute("INSERT INTO message_locations (message_id, conversation_id) VALUES (?, ?)", id, conversation.value());
        String upsert = """
                INSERT INTO user_conversations AS uc (user_id, peer_id, conversation_id, peer_username, last_seq,
                                                      last_read_seq, last_message_id, last_message_at, last_message_preview)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (user_id, peer_id) DO UPDATE SET last_seq = EXCLUDED.last_seq,
                    last_read_seq = GREATEST(uc.last_read_seq, EXCLUDED.last_read_seq),
                    last_message_id = EXCLUDED.last_message_id, last_message_at = EXCLUDED.last_message_at,
                    last_message_preview = EXCLUDED.last_message_preview""";
        handle.execute(upsert, from.id().value(), to.id().value(), conversation.value(), to.username().value(), seq, seq, id,
                at, content);
        if (!from.equals(to)) {
            handle.execute(upsert, to.id().value(), from.id().value(), conversation.value(), from.username().value(), seq, 0,
                    id, at, content);
        }
        return new Message(MessageId.of(id), conversation, seq, from.id(), to.id(), MessageContent.of(content), at,
                Optional.of(ClientMessageId.of("client-" + seq)));
    }

    static Participant participant(User user) {
        return new Participant(user.id(), user.username());
    }
}
