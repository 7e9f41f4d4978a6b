package io.chatplatform.domain.cache;

import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.message.MessageId;
import io.chatplatform.domain.user.UserId;
import io.chatplatform.domain.session.SessionId;
import java.util.Objects;

/**
 * A set of cache entries that go stale together, identified by a generation counter. An entry is
 * stored under the generation that was current when its data was read; moving the generation on
 * (one increment) makes every entry of the scope unreachable at once, without finding or deleting
 * any of them. They age out by their time to live.
 *
 * <p>This is also what makes invalidation right under concurrency: a reader that read the
 * generation before a writer's change stores its (old) data under the old generation, where no
 * later reader looks.
 */
public sealed interface CacheScope {

    /** A stable, unique name for the scope, used to derive its counter's key. */
    String name();

    /**
     * One participant's history pages of a conversation. Per participant, because a message one of
     * them hid is in the other's pages still: hiding makes only the hider's pages stale.
     */
    record History(ConversationId id, UserId reader) implements CacheScope {
        public History {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(reader, "reader");
            if (!id.involves(reader)) {
                throw new IllegalArgumentException(reader + " has no history in conversation " + id);
            }
        }

        @Override
        public String name() {
            return "conv:" + id.value() + ":" + reader.value();
        }
    }

    /** One message read by its id: stale when it is edited, deleted or reacted to. */
    record Message(MessageId id) implements CacheScope {
        public Message {
            Objects.requireNonNull(id, "id");
        }

        @Override
        public String name() {
            return "msg:" + id.value();
        }
    }

    /** Everything cached about one user's conversation list: the list and the unread count. */
    record Inbox(UserId owner) implements CacheScope {
        public Inbox {
            Objects.requireNonNull(owner, "owner");
        }

        @Override
        public String name() {
            return "inbox:" + owner.value();
        }
    }

    /** Everything cached about one user's account. */
    record Account(UserId user) implements CacheScope {
        public Account {
            Objects.requireNonNull(user, "user");
        }

        @Override
        public String name() {
            return "user:" + user.value();
        }
    }

    /** Whether one login session is active. */
    record Session(SessionId id) implements CacheScope {
        public Session {
            Objects.requireNonNull(id, "id");
        }

        @Override
        public String name() {
            return "session:" + id.value();
        }
    }

    /** One user's block list, both directions. */
    record Blocks(UserId user) implements CacheScope {
        public Blocks {
            Objects.requireNonNull(user, "user");
        }

        @Override
        public String name() {
            return "blocks:" + user.value();
        }
    }

    static CacheScope session(SessionId id) {
        return new Session(id);
    }

    static CacheScope blocks(UserId user) {
        return new Blocks(user);
    }

    static CacheScope history(ConversationId id, UserId reader) {
        return new History(id, reader);
    }

    static CacheScope message(MessageId id) {
        return new Message(id);
    }

    static CacheScope inbox(UserId owner) {
        return new Inbox(owner);
    }

    static CacheScope account(UserId user) {
        return new Account(user);
    }
}
