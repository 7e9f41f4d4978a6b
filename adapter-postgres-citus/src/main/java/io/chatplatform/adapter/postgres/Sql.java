package io.chatplatform.adapter.postgres;

/**
 * Every statement the stores run, in one place so that tests can EXPLAIN the exact text.
 *
 * <p>On Citus a statement is a cheap single-shard ("router") query only when it pins the
 * distribution column of every table it touches by equality: {@code users.id},
 * {@code usernames.username_canonical}, {@code emails.email_canonical}, {@code conversations.id},
 * {@code messages.conversation_id}, {@code message_locations.message_id},
 * {@code user_conversations.user_id}, and {@code conversation_id} of the tables colocated with
 * messages: {@code message_edits}, {@code message_reactions}, {@code message_hides},
 * {@code conversation_changes}. All statements here do, except {@link #SEARCH_USERS} and
 * {@link #USERS_BY_IDS}, which fan out by design and are bounded by a limit.
 */
final class Sql {

    private Sql() {
    }

    static final String PROBE = "SELECT 1";

    static final String CITUS_INSTALLED = "SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus')";

    // ---- Citus worker check (coordinator metadata and a SELECT 1 per worker, never a distributed query)

    /** The workers that hold or may receive shards: active primaries other than the coordinator (group 0). */
    static final String ACTIVE_WORKERS = """
            SELECT nodename, nodeport FROM pg_dist_node
            WHERE isactive AND noderole = 'primary' AND groupid <> 0
            ORDER BY nodeid""";

    /** Transaction-local limits for one worker check: statement and connection timeout, in milliseconds. */
    static final String WORKER_CHECK_TIMEOUTS =
            "SELECT set_config('statement_timeout', ?, true), set_config('citus.node_connection_timeout', ?, true)";

    /** A SELECT 1 from the coordinator to the worker, over a connection of the coordinator's. */
    static final String CHECK_WORKER = "SELECT citus_check_connection_to_node(?, ?)";

    // ---- users ---------------------------------------------------------------------------------

    static final String USER_COLUMNS =
            "id, username, email, password_hash, display_name, avatar_url, timezone, created_at, last_seen";

    /** Runs on the coordinator only: the sequence is not distributed. */
    static final String NEXT_USER_ID = "SELECT nextval('users_id_seq')";

    static final String INSERT_USERNAME =
            "INSERT INTO usernames (username_canonical, user_id) VALUES (:canonical, :id)";

    static final String INSERT_EMAIL =
            "INSERT INTO emails (email_canonical, user_id) VALUES (:canonical, :id)";

    static final String INSERT_USER = """
            INSERT INTO users (id, username, email, password_hash, created_at, last_seen)
            VALUES (:id, :username, :email, :passwordHash, :createdAt, :createdAt)
            RETURNING\s""" + USER_COLUMNS;

    static final String USER_BY_ID = "SELECT " + USER_COLUMNS + " FROM users WHERE id = :id";

    static final String USER_ID_BY_USERNAME =
            "SELECT user_id FROM usernames WHERE username_canonical = :canonical";

    /** Static text for every partial update: per field a keep flag and a value (null clears). */
    static final String UPDATE_PROFILE = """
            UPDATE users SET
                display_name = CASE WHEN :keepDisplayName THEN display_name ELSE CAST(:displayName AS text) END,
                avatar_url   = CASE WHEN :keepAvatarUrl THEN avatar_url ELSE CAST(:avatarUrl AS text) END,
                timezone     = CASE WHEN :keepTimezone THEN timezone ELSE CAST(:timezone AS text) END
            WHERE id = :id
            RETURNING\s""" + USER_COLUMNS;

    /** Compare-and-set: only replaces the hash the caller checked the current password against. */
    static final String REPLACE_PASSWORD_HASH =
            "UPDATE users SET password_hash = :replacement WHERE id = :id AND password_hash = :expected";

    /** Never moves last_seen back, and skips the write when there is nothing newer. */
    static final String RECORD_LAST_SEEN =
            "UPDATE users SET last_seen = :at WHERE id = :id AND last_seen < :at";

    /**
     * Case-insensitive substring search on username or display name. The patterns arrive with
     * {@code %}, {@code _} and the escape character escaped; the escape character is {@code !},
     * not the usual backslash, because Jdbi's SQL parser reads {@code '\'} as an escaped quote.
     * Exact username first, then username prefix, then by username (in code-point order, as Java
     * compares strings). Fans out to every shard.
     */
    static final String SEARCH_USERS = """
            SELECT id, username, display_name, last_seen
            FROM users
            WHERE id <> :excluded
              AND (lower(username) LIKE lower(:contains) ESCAPE '!'
                   OR lower(display_name) LIKE lower(:contains) ESCAPE '!')
            ORDER BY lower(username) = lower(:term) DESC,
                     lower(username) LIKE lower(:prefix) ESCAPE '!' DESC,
                     username COLLATE "C"
            LIMIT :limit""";

    /** The online list's users (ids from the presence registry). Touches the shards of those ids, bounded by the caller. */
    static final String USERS_BY_IDS = """
            SELECT id, username, display_name, last_seen
            FROM users
            WHERE id = ANY(:ids)""";

    // ---- messages ------------------------------------------------------------------------------

    static final String MESSAGE_COLUMNS = "conversation_id, id, seq, sender_id, recipient_id, content, client_message_id,"
            + " created_at, reply_to_id, edited_at, deleted_at, edit_count, has_reactions, change_seq";

    /** Append step 1: a retried send finds the message its first attempt stored. */
    static final String MESSAGE_BY_CLIENT_MESSAGE_ID = "SELECT " + MESSAGE_COLUMNS + """
             FROM messages
            WHERE conversation_id = :cid AND sender_id = :senderId AND client_message_id = :clientMessageId""";

    /**
     * Append step 2: get-or-create the conversation and allocate the next seq and the next
     * position of its change stream in one statement. The row lock it takes is held until commit,
     * so concurrent sends into one conversation queue here and get contiguous seqs and positions;
     * two first messages at the same instant cannot create two rows.
     */
    static final String ADVANCE_CONVERSATION = """
            INSERT INTO conversations (id, user_low, user_high, last_seq, last_change_seq, created_at)
            VALUES (:cid, :userLow, :userHigh, 1, 1, :now)
            ON CONFLICT (id) DO UPDATE SET last_seq = conversations.last_seq + 1,
                                           last_change_seq = conversations.last_change_seq + 1
            RETURNING last_seq, last_change_seq""";

    /**
     * Append step 3. The id comes from a coordinator sequence, so it is unique across shards; the
     * message's change_seq is its position in the stream (no other row records its creation).
     */
    static final String INSERT_MESSAGE = """
            INSERT INTO messages (conversation_id, id, seq, sender_id, recipient_id, content, client_message_id, created_at,
                                  reply_to_id, change_seq)
            VALUES (:cid, nextval('messages_id_seq'), :seq, :senderId, :recipientId, :content, :clientMessageId, :createdAt,
                    :replyToId, :changeSeq)
            RETURNING\s""" + MESSAGE_COLUMNS;

    /** Append step 4: lets {@link #MESSAGE_LOCATION} find the conversation from the message id alone. */
    static final String INSERT_MESSAGE_LOCATION =
            "INSERT INTO message_locations (message_id, conversation_id) VALUES (:messageId, :cid)";

    /**
     * Append step 5: the sender's conversation-list row moves to the new message and its position,
     * and is read and received up to it (nothing unread is left, so nothing removed unread either).
     * GREATEST/CASE keep the row from moving backwards.
     */
    static final String UPSERT_SENDER_INBOX = """
            INSERT INTO user_conversations AS uc (user_id, peer_id, conversation_id, peer_username, last_seq,
                                                  last_read_seq, last_message_id, last_message_at, last_message_preview,
                                                  last_change_seq, delivered_seq)
            VALUES (:userId, :peerId, :cid, :peerUsername, :seq, :seq, :messageId, :at, :preview, :changeSeq, :seq)
            ON CONFLICT (user_id, peer_id) DO UPDATE SET
                peer_username        = EXCLUDED.peer_username,
                last_seq             = GREATEST(uc.last_seq, EXCLUDED.last_seq),
                last_read_seq        = GREATEST(uc.last_read_seq, EXCLUDED.last_read_seq),
                delivered_seq        = GREATEST(uc.delivered_seq, EXCLUDED.delivered_seq),
                removed_unread       = CASE WHEN EXCLUDED.last_read_seq >= uc.last_seq THEN 0 ELSE uc.removed_unread END,
                last_change_seq      = GREATEST(uc.last_change_seq, EXCLUDED.last_change_seq),
                last_message_id      = CASE WHEN EXCLUDED.last_seq > uc.last_seq THEN EXCLUDED.last_message_id ELSE uc.last_message_id END,
                last_message_at      = CASE WHEN EXCLUDED.last_seq > uc.last_seq THEN EXCLUDED.last_message_at ELSE uc.last_message_at END,
                last_message_preview = CASE WHEN EXCLUDED.last_seq > uc.last_seq THEN EXCLUDED.last_message_preview ELSE uc.last_message_preview END""";

    /**
     * Append step 6: the recipient's row moves to the new message and its position; their read
     * marker stays (0 when new); they learn that the sender has read and received up to it.
     */
    static final String UPSERT_RECIPIENT_INBOX = """
            INSERT INTO user_conversations AS uc (user_id, peer_id, conversation_id, peer_username, last_seq,
                                                  last_read_seq, last_message_id, last_message_at, last_message_preview,
                                                  last_change_seq, peer_read_seq, peer_delivered_seq)
            VALUES (:userId, :peerId, :cid, :peerUsername, :seq, 0, :messageId, :at, :preview, :changeSeq, :seq, :seq)
            ON CONFLICT (user_id, peer_id) DO UPDATE SET
                peer_username        = EXCLUDED.peer_username,
                last_seq             = GREATEST(uc.last_seq, EXCLUDED.last_seq),
                last_change_seq      = GREATEST(uc.last_change_seq, EXCLUDED.last_change_seq),
                peer_read_seq        = GREATEST(uc.peer_read_seq, EXCLUDED.peer_read_seq),
                peer_delivered_seq   = GREATEST(uc.peer_delivered_seq, EXCLUDED.peer_delivered_seq),
                last_message_id      = CASE WHEN EXCLUDED.last_seq > uc.last_seq THEN EXCLUDED.last_message_id ELSE uc.last_message_id END,
                last_message_at      = CASE WHEN EXCLUDED.last_seq > uc.last_seq THEN EXCLUDED.last_message_at ELSE uc.last_message_at END,
                last_message_preview = CASE WHEN EXCLUDED.last_seq > uc.last_seq THEN EXCLUDED.last_message_preview ELSE uc.last_message_preview END""";

    /**
     * The newest page as {@code :reader} sees it: tombstones included, the messages the reader hid
     * for themself left out (an index probe per message read).
     */
    static final String PAGE_NEWEST = "SELECT " + MESSAGE_COLUMNS + """
             FROM messages m
            WHERE conversation_id = :cid
              AND NOT EXISTS (SELECT 1 FROM message_hides h
                              WHERE h.conversation_id = :cid AND h.message_id = m.id AND h.user_id = :reader)
            ORDER BY seq DESC
            LIMIT :limit OFFSET :offset""";

    /**
     * As {@link #PAGE_NEWEST}, older than the cursor (which may be hidden from the reader). A
     * cursor that is not a message of this conversation makes the subquery NULL, so the page is
     * empty.
     */
    static final String PAGE_BEFORE = "SELECT " + MESSAGE_COLUMNS + """
             FROM messages m
            WHERE conversation_id = :cid
              AND seq < (SELECT c.seq FROM messages c WHERE c.conversation_id = :cid AND c.id = :beforeId)
              AND NOT EXISTS (SELECT 1 FROM message_hides h
                              WHERE h.conversation_id = :cid AND h.message_id = m.id AND h.user_id = :reader)
            ORDER BY seq DESC
            LIMIT :limit OFFSET :offset""";

    static final String MESSAGE_BY_ID = "SELECT " + MESSAGE_COLUMNS
            + " FROM messages WHERE conversation_id = :cid AND id = :messageId";

    static final String MESSAGE_LOCATION =
            "SELECT conversation_id FROM message_locations WHERE message_id = :messageId";

    static final String REACTION_COLUMNS = "message_id, emoji, user_id, emoji_change_seq";

    /**
     * The reactions on some messages of a conversation (those whose has_reactions is set), emoji
     * in the order of their first use, users by id.
     */
    static final String REACTIONS_OF = "SELECT " + REACTION_COLUMNS + """
             FROM message_reactions
            WHERE conversation_id = :cid AND message_id = ANY(:messageIds)
            ORDER BY message_id, emoji_change_seq, user_id""";

    /** The earlier versions of a message, oldest (the text it was sent with) first. */
    static final String EARLIER_VERSIONS = """
            SELECT content, edited_at FROM message_edits
            WHERE conversation_id = :cid AND message_id = :messageId
            ORDER BY version""";

    // ---- the change stream ---------------------------------------------------------------------

    /**
     * The seq of the newest message created at or before position {@code :position}, without an
     * index on messages.change_seq (which would cost every send a third index insert: measured
     * 14 % of the send transaction). Every position is either a message or a row of
     * conversation_changes, and each row records the conversation's last_seq when it was made; so
     * after the newest row at or before the position, every further position up to it is a new
     * message. Capped by the conversation's last_seq for a position past the stream's end.
     */
    private static final String MESSAGE_SEQ_AT_POSITION = """
            LEAST(COALESCE((SELECT c.last_seq + (:position - c.change_seq) FROM conversation_changes c
                            WHERE c.conversation_id = :cid AND c.change_seq <= :position
                            ORDER BY c.change_seq DESC LIMIT 1), :position),
                  COALESCE((SELECT v.last_seq FROM conversations v WHERE v.id = :cid), 0))""";

    /**
     * The changes after a position that {@code :viewer} may see, oldest first, each with its
     * message as it stands (none for a marker): the messages created after it (found by seq, which
     * grows with the position) and the conversation_changes, merged by position. Each branch is
     * bounded by the limit, so that both are read in index order and stop early. The peer's
     * deletions for themself are left out.
     */
    static final String CHANGES_AFTER = ("SELECT c.stream_position, c.kind, c.actor_id, c.up_to_seq, " + MESSAGE_COLUMNS + """
             FROM ((SELECT change_seq AS stream_position, 'created' AS kind, id AS message_id, sender_id AS actor_id,
                           CAST(NULL AS bigint) AS up_to_seq
                    FROM messages
                    WHERE conversation_id = :cid AND seq > SEQ_AT_AFTER_POSITION
                    ORDER BY seq LIMIT :limit)
                   UNION ALL
                   (SELECT change_seq, kind, message_id, actor_id, up_to_seq
                    FROM conversation_changes
                    WHERE conversation_id = :cid AND change_seq > :afterPosition AND (kind <> 'hidden' OR actor_id = :viewer)
                    ORDER BY change_seq LIMIT :limit)) c
            LEFT JOIN messages m ON m.conversation_id = :cid AND m.id = c.message_id
            ORDER BY c.stream_position
            LIMIT :limit""").replace("SEQ_AT_AFTER_POSITION", MESSAGE_SEQ_AT_POSITION.replace(":position", ":afterPosition"));

    /** The position of message {@code :seq}'s creation, or of the newest message's when it is further. */
    static final String POSITION_OF_MESSAGE = """
            SELECT change_seq FROM messages
            WHERE conversation_id = :cid AND seq <= :seq
            ORDER BY seq DESC
            LIMIT 1""";

    /** The seq of the newest message created at or before a position. */
    static final String MESSAGE_SEQ_AT = "SELECT " + MESSAGE_SEQ_AT_POSITION;

    // ---- changes of messages and markers ---------------------------------------------------------

    /**
     * A change's first step: the message as it stands, locked until commit, so that two changes of
     * one message decide one after the other, each on what the previous left. NO KEY: inserts that
     * reference the message (its edits, reactions, hidings) need not wait for it.
     */
    static final String MESSAGE_FOR_CHANGE = "SELECT " + MESSAGE_COLUMNS
            + " FROM messages WHERE conversation_id = :cid AND id = :messageId FOR NO KEY UPDATE";

    /** Who hid a message for themself: the hide rule, the previews and the unread counts of a deletion need it. */
    static final String HIDDEN_BY = """
            SELECT user_id FROM message_hides WHERE conversation_id = :cid AND message_id = :messageId""";

    /**
     * A change's position, once the rule allowed it: the conversation row's lock, held until
     * commit, orders the change after every change committed before (messages included) and
     * before every later one; a transaction that rolls back takes its position back with it.
     */
    static final String ADVANCE_CHANGE = """
            UPDATE conversations SET last_change_seq = last_change_seq + 1
            WHERE id = :cid
            RETURNING last_change_seq, last_seq""";

    /** One change other than a new message; a marker has no message, every other change no up_to_seq. */
    static final String INSERT_CHANGE = """
            INSERT INTO conversation_changes (conversation_id, change_seq, kind, message_id, actor_id, up_to_seq, at, last_seq)
            VALUES (:cid, :changeSeq, :kind, :messageId, :actorId, :upToSeq, COALESCE(CAST(:at AS timestamptz), now()), :lastSeq)""";

    /** An edit keeps the text it replaces as the next earlier version. */
    static final String INSERT_EARLIER_VERSION = """
            INSERT INTO message_edits (conversation_id, message_id, version, content, edited_at)
            VALUES (:cid, :messageId, :version, :content, :editedAt)""";

    static final String EDIT_MESSAGE = """
            UPDATE messages SET content = :content, edited_at = :editedAt, edit_count = edit_count + 1
            WHERE conversation_id = :cid AND id = :messageId
            RETURNING\s""" + MESSAGE_COLUMNS;

    /** Deletion for everyone, step 1 of 3: every earlier version goes. */
    static final String DELETE_EARLIER_VERSIONS =
            "DELETE FROM message_edits WHERE conversation_id = :cid AND message_id = :messageId";

    /** Deletion for everyone, step 2 of 3: every reaction goes. */
    static final String DELETE_REACTIONS =
            "DELETE FROM message_reactions WHERE conversation_id = :cid AND message_id = :messageId";

    /** Deletion for everyone, step 3 of 3: the content goes; the row stays as a tombstone with its seq. */
    static final String DELETE_MESSAGE = """
            UPDATE messages SET content = NULL, edited_at = NULL, deleted_at = :deletedAt, edit_count = 0,
                                has_reactions = false
            WHERE conversation_id = :cid AND id = :messageId
            RETURNING\s""" + MESSAGE_COLUMNS;

    static final String INSERT_HIDE = """
            INSERT INTO message_hides (conversation_id, message_id, user_id, hidden_at)
            VALUES (:cid, :messageId, :userId, :hiddenAt)""";

    /** :emojiChangeSeq: the emoji's place, read with the message's reactions under its lock (new: this change's position). */
    static final String INSERT_REACTION = """
            INSERT INTO message_reactions (conversation_id, message_id, emoji, user_id, reacted_at, emoji_change_seq)
            VALUES (:cid, :messageId, :emoji, :userId, :reactedAt, :emojiChangeSeq)""";

    static final String DELETE_REACTION = """
            DELETE FROM message_reactions
            WHERE conversation_id = :cid AND message_id = :messageId AND emoji = :emoji AND user_id = :userId""";

    /** Set when the first reaction arrives, cleared when the last one goes. */
    static final String SET_HAS_REACTIONS =
            "UPDATE messages SET has_reactions = :hasReactions WHERE conversation_id = :cid AND id = :messageId";

    // ---- conversation lists --------------------------------------------------------------------

    static final String INBOX_COLUMNS = """
            user_id, peer_id, peer_username, last_seq, last_read_seq, removed_unread, last_message_id, last_message_at,
            last_message_preview, last_change_seq, peer_read_seq, peer_delivered_seq""";

    static final String LIST_INBOX = "SELECT " + INBOX_COLUMNS + """
             FROM user_conversations
            WHERE user_id = :userId
            ORDER BY last_message_at DESC, last_seq DESC, peer_id
            LIMIT :limit""";

    /** The owner's line for one peer: whether the two have a conversation, by the primary key. */
    static final String INBOX_ENTRY = "SELECT " + INBOX_COLUMNS + """
             FROM user_conversations
            WHERE user_id = :userId AND peer_id = :peerId""";

    /**
     * A page of the owner's lines in peer id order after {@code :afterPeer} (0: from the start), for
     * walking the whole list (an export): the primary key's order, so each page is an index range.
     */
    static final String INBOX_BY_PEER = "SELECT " + INBOX_COLUMNS + """
             FROM user_conversations
            WHERE user_id = :userId AND peer_id > :afterPeer
            ORDER BY peer_id
            LIMIT :limit""";

    /** Unread arithmetic over the owner's rows; never a count over messages. */
    static final String TOTAL_UNREAD = """
            SELECT CAST(COALESCE(SUM(last_seq - last_read_seq - removed_unread), 0) AS bigint)
            FROM user_conversations
            WHERE user_id = :userId""";

    /** Where the owner's markers stand: read first without a lock (most calls move nothing), then again under it. */
    static final String INBOX_MARKERS = """
            SELECT last_seq, last_read_seq, removed_unread, delivered_seq
            FROM user_conversations
            WHERE user_id = :userId AND peer_id = :peerId""";

    /**
     * How many messages in (:fromSeq, :toSeq] a mark-read passes that were removed for the owner
     * (deleted for everyone, or hidden by them) and are not the owner's own: those are counted in
     * removed_unread, which the mark-read lowers by as many. Run only when removed_unread > 0.
     */
    static final String COUNT_REMOVED_BETWEEN = """
            SELECT count(*) FROM messages m
            WHERE m.conversation_id = :cid AND m.seq > :fromSeq AND m.seq <= :toSeq AND m.sender_id <> :userId
              AND (m.deleted_at IS NOT NULL
                   OR EXISTS (SELECT 1 FROM message_hides h
                              WHERE h.conversation_id = :cid AND h.message_id = m.id AND h.user_id = :userId))""";

    /** The owner's read marker moves to :toSeq (checked under the conversation's lock); read implies received. */
    static final String MOVE_READ_MARKER = """
            UPDATE user_conversations
            SET last_read_seq = :toSeq, delivered_seq = GREATEST(delivered_seq, :toSeq),
                removed_unread = removed_unread - :removedBetween, last_change_seq = :changeSeq
            WHERE user_id = :userId AND peer_id = :peerId""";

    /** The peer's line learns how far the owner read. */
    static final String PEER_READ = """
            UPDATE user_conversations
            SET peer_read_seq = :toSeq, peer_delivered_seq = GREATEST(peer_delivered_seq, :toSeq),
                last_change_seq = :changeSeq
            WHERE user_id = :userId AND peer_id = :peerId""";

    /** The recipient's delivery marker moves to :toSeq (checked under the conversation's lock). */
    static final String MOVE_DELIVERY_MARKER = """
            UPDATE user_conversations SET delivered_seq = :toSeq, last_change_seq = :changeSeq
            WHERE user_id = :userId AND peer_id = :peerId""";

    /** The peer's line learns how far the recipient received. */
    static final String PEER_DELIVERED = """
            UPDATE user_conversations SET peer_delivered_seq = :toSeq, last_change_seq = :changeSeq
            WHERE user_id = :userId AND peer_id = :peerId""";

    /**
     * A change the owner sees that moves nothing else in their line (an edit, a reaction), with
     * the preview replaced by :preview when the message is the newest and the owner has not hidden
     * it (:preview NULL: keep it).
     */
    static final String CHANGE_IN_LINE = """
            UPDATE user_conversations
            SET last_change_seq = :changeSeq,
                last_message_preview = CASE WHEN CAST(:preview AS text) IS NOT NULL AND last_message_id = :messageId
                                            THEN :preview ELSE last_message_preview END
            WHERE user_id = :userId AND peer_id = :peerId""";

    /**
     * The message left the owner's history (deleted for everyone, or hidden by the owner): one
     * less unread when it was after the marker, not the owner's own and not removed for them
     * before ({@code UnreadCount.lowersUnread}, evaluated on the row under the conversation's
     * lock); no preview when it was the newest.
     */
    static final String REMOVED_FROM_LINE = """
            UPDATE user_conversations
            SET removed_unread = removed_unread
                    + CASE WHEN :seq > last_read_seq AND user_id <> :senderId AND NOT :alreadyRemoved THEN 1 ELSE 0 END,
                last_message_preview = CASE WHEN last_message_id = :messageId THEN NULL ELSE last_message_preview END,
                last_change_seq = :changeSeq
            WHERE user_id = :userId AND peer_id = :peerId""";
}
