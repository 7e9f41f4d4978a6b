package io.chatplatform.domain.cache;

import java.time.Duration;

/**
 * What kinds of read results may be cached, and for how long by default. The lifetime is a safety
 * net, not the invalidation mechanism: entries that can change live in a {@link CacheScope} whose
 * generation moves on every change (see {@link InvalidationPolicy}).
 */
public enum CacheType {

    /** A user's account by id (never the password hash). Scoped by the user. */
    PROFILE("profile", Duration.ofMinutes(30)),
    /** Username (lower-cased) to user id. Usernames never change, so unscoped. */
    USERNAME("username", Duration.ofMinutes(30)),
    /** One page of a conversation's history as one participant sees it. Scoped by that participant's history. */
    HISTORY_PAGE("history", Duration.ofMinutes(10)),
    /** A single message by id. Scoped by the message: edits, deletions and reactions make it stale. */
    MESSAGE("message", Duration.ofMinutes(5)),
    /** A user's conversation list. Scoped by the user's inbox; changes with every message. */
    CONVERSATION_LIST("conversations", Duration.ofMinutes(1)),
    /** A user's total unread count. Scoped by the user's inbox. */
    UNREAD_COUNT("unread", Duration.ofMinutes(1)),
    /**
     * Whether a login session is still active, asked on every authenticated request. Scoped by the
     * session; its end makes it stale. An ended session stays ended (ids are never reused), so
     * that answer is cached too.
     */
    SESSION("session", Duration.ofMinutes(15)),
    /** A user's {@code BlockList} (both directions), read by every send to them. Scoped by the user's blocks. */
    BLOCKS("blocks", Duration.ofMinutes(30));

    private final String label;
    private final Duration defaultTtl;

    CacheType(String label, Duration defaultTtl) {
        this.label = label;
        this.defaultTtl = defaultTtl;
    }

    /** A short, stable name: used in keys, metrics and statistics. */
    public String label() {
        return label;
    }

    /** How long an entry lives unless configured otherwise. */
    public Duration defaultTtl() {
        return defaultTtl;
    }

    /** The type with this label. */
    public static CacheType ofLabel(String label) {
        for (CacheType type : values()) {
            if (type.label.equals(label)) {
                return type;
            }
        }
        throw new IllegalArgumentException("no cache type is labelled '" + label + "'");
    }
}
