package io.chatplatform.domain.cache;

import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.user.UserId;
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

    /** Everything cached about one conversation: its history pages. */
    record Conversation(ConversationId id) implements CacheScope {
        public Conversation {
            Objects.requireNonNull(id, "id");
        }

        @Override
        public String name() {
            return "conv:" + id.value();
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

    static CacheScope conversation(ConversationId id) {
        return new Conversation(id);
    }

    static CacheScope inbox(UserId owner) {
        return new Inbox(owner);
    }

    static CacheScope account(UserId user) {
        return new Account(user);
    }
}
