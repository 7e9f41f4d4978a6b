package io.chatplatform.adapter.postgres;

/**
 * Every statement the stores run, in one place so that tests can EXPLAIN the exact text.
 *
 * <p>On Citus a statement is a cheap single-shard ("router") query only when it pins the
 * distribution column of every table it touches by equality: {@code users.id},
 * {@code usernames.username_canonical}, {@code emails.email_canonical}, {@code conversations.id},
 * {@code messages.conversation_id}, {@code message_locations.message_id},
 * {@code user_conversations.user_id}, {@code user_id} of the tables colocated with users:
 * {@code sessions}, {@code session_spent_tokens}, {@code user_blocks}, {@code account_erasures};
 * and {@code conversation_id} of the tables colocated with messages: {@code message_edits},
 * {@code message_reactions}, {@code message_hides}, {@code conversation_changes}. All statements
 * here do, except {@link #SEARCH_USERS} and {@link #USERS_BY_IDS}, which fan out by design and
 * are bounded by a limit, and {@link #UNFINISHED_ERASURES}, run once at start-up.
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

    /**
     * Claims a username for a new user: inserts the lookup row, or replaces the row of a deleted
     * account whose {@code free_at} has passed by {@code :now} (the retention of its handles). One
     * statement, so of two registrations that want the same freed name, the second waits for the
     * first's row lock and then finds a row that is no longer free: no row is written, which means
     * taken.
     */
    static final String CLAIM_USERNAME = """
            INSERT INTO usernames AS h (username_canonical, user_id) VALUES (:canonical, :id)
            ON CONFLICT (username_canonical) DO UPDATE SET user_id = EXCLUDED.user_id, free_at = NULL
            WHERE h.free_at <= :now""";

    /** As {@link #CLAIM_USERNAME}, for the email. */
    static final String CLAIM_EMAIL = """
            INSERT INTO emails AS h (email_canonical, user_id) VALUES (:canonical, :id)
            ON CONFLICT (email_canonical) DO UPDATE SET user_id = EXCLUDED.user_id, free_at = NULL
            WHERE h.free_at <= :now""";

    static final String INSERT_USER = """
            INSERT INTO users (id, username, email, password_hash, created_at, last_seen)
            VALUES (:id, :username, :email, :passwordHash, :createdAt, :createdAt)
            RETURNING\s""" + USER_COLUMNS;

    /** A living account: the row of a deleted one is kept only until its erasure ends, and no read returns it. */
    static final String USER_BY_ID = "SELECT " + USER_COLUMNS + " FROM users WHERE id = :id AND deleted_at IS NULL";

    static final String USER_ID_BY_USERNAME =
            "SELECT user_id FROM usernames WHERE username_canonical = :canonical";

    /** Static text for every partial update: per field a keep flag and a value (null clears). */
    static final String UPDATE_PROFILE = """
            UPDATE users SET
                display_name = CASE WHEN :keepDisplayName THEN display_name ELSE CAST(:displayName AS text) END,
                avatar_url   = CASE WHEN :keepAvatarUrl THEN avatar_url ELSE CAST(:avatarUrl AS text) END,
                timezone     = CASE WHEN :keepTimezone THEN timezone ELSE CAST(:timezone AS text) END
            WHERE id = :id AND deleted_at IS NULL
            RETURNING\s""" + USER_COLUMNS;

    /** Compare-and-set: only replaces the hash the caller checked the current password against. */
    static final String REPLACE_PASSWORD_HASH =
            "UPDATE users SET password_hash = :replacement WHERE id = :id AND password_hash = :expected AND deleted_at IS NULL";

    /** Never moves last_seen back, and skips the write when there is nothing newer. */
    static final String RECORD_LAST_SEEN =
            "UPDATE users SET last_seen = :at WHERE id = :id AND last_seen < :at AND deleted_at IS NULL";

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
            WHERE id <> :excluded AND deleted_at IS NULL
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
            WHERE id = ANY(:ids) AND deleted_at IS NULL""";

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

    // ---- sessions (distributed by user_id, beside the user) -------------------------------------

    static final String SESSION_COLUMNS = "user_id, id, created_at, last_used_at, user_agent, refresh_expires_at";

    /** A new session's first step: the user's sessions whose refresh token expired can never be used again. */
    static final String PRUNE_EXPIRED_SESSIONS =
            "DELETE FROM sessions WHERE user_id = :userId AND refresh_expires_at <= :now";

    /** The id comes from a coordinator sequence, like a user's: unique across shards. */
    static final String INSERT_SESSION = """
            INSERT INTO sessions (user_id, id, refresh_hash, created_at, last_used_at, user_agent, refresh_expires_at)
            VALUES (:userId, nextval('sessions_id_seq'), :refreshHash, :createdAt, :createdAt, :userAgent, :refreshExpiresAt)
            RETURNING\s""" + SESSION_COLUMNS;

    /**
     * A rotation's first step: the session with its current hash, locked until commit, so that of
     * two rotations presenting the same token the second reads what the first left (a new hash).
     */
    static final String SESSION_FOR_ROTATION = "SELECT refresh_hash, " + SESSION_COLUMNS
            + " FROM sessions WHERE user_id = :userId AND id = :sessionId FOR NO KEY UPDATE";

    /** When the session spent this hash, if it ever did. */
    static final String SPENT_AT = """
            SELECT spent_at FROM session_spent_tokens
            WHERE user_id = :userId AND session_id = :sessionId AND token_hash = :tokenHash""";

    /** Hashes spent before :before: their tokens expired anyway (see V7), so presenting them finds nothing either way. */
    static final String PRUNE_SPENT_TOKENS = """
            DELETE FROM session_spent_tokens
            WHERE user_id = :userId AND session_id = :sessionId AND spent_at < :before""";

    static final String INSERT_SPENT_TOKEN = """
            INSERT INTO session_spent_tokens (user_id, session_id, token_hash, spent_at)
            VALUES (:userId, :sessionId, :tokenHash, :spentAt)""";

    /** Compare-and-set on the current hash (under the lock of {@link #SESSION_FOR_ROTATION}); last use never moves back. */
    static final String ROTATE_SESSION = """
            UPDATE sessions SET refresh_hash = :next, last_used_at = GREATEST(last_used_at, :now),
                                refresh_expires_at = :nextExpiresAt
            WHERE user_id = :userId AND id = :sessionId AND refresh_hash = :presented
            RETURNING\s""" + SESSION_COLUMNS;

    /** Whether the session exists: asked on every authenticated request the cache cannot answer; by the primary key. */
    static final String SESSION_EXISTS = "SELECT id FROM sessions WHERE user_id = :userId AND id = :sessionId";

    static final String LIST_SESSIONS = "SELECT " + SESSION_COLUMNS + """
             FROM sessions
            WHERE user_id = :userId
            ORDER BY last_used_at DESC, id""";

    /** Its spent hashes go with it (ON DELETE CASCADE, on the same shard). */
    static final String END_SESSION = "DELETE FROM sessions WHERE user_id = :userId AND id = :sessionId";

    /** Every session of the user but :keep (0 keeps none: ids are positive); their spent hashes go with them. */
    static final String END_SESSIONS_BUT =
            "DELETE FROM sessions WHERE user_id = :userId AND id <> :keep RETURNING id";

    // ---- blocks (distributed by user_id: each user's side on their shard) ------------------------

    /** The blocker's side; writes nothing when the block already stood. */
    static final String RECORD_BLOCK = """
            INSERT INTO user_blocks AS b (user_id, other_user_id, i_blocked, they_blocked, updated_at)
            VALUES (:userId, :otherUserId, true, false, :at)
            ON CONFLICT (user_id, other_user_id) DO UPDATE SET i_blocked = true, updated_at = EXCLUDED.updated_at
            WHERE NOT b.i_blocked""";

    /** The blocked user's side; writes nothing when it already stood. */
    static final String RECORD_BLOCKED_BY = """
            INSERT INTO user_blocks AS b (user_id, other_user_id, i_blocked, they_blocked, updated_at)
            VALUES (:userId, :otherUserId, false, true, :at)
            ON CONFLICT (user_id, other_user_id) DO UPDATE SET they_blocked = true, updated_at = EXCLUDED.updated_at
            WHERE NOT b.they_blocked""";

    static final String LIFT_BLOCK = """
            UPDATE user_blocks SET i_blocked = false
            WHERE user_id = :userId AND other_user_id = :otherUserId AND i_blocked""";

    static final String LIFT_BLOCKED_BY = """
            UPDATE user_blocks SET they_blocked = false
            WHERE user_id = :userId AND other_user_id = :otherUserId AND they_blocked""";

    /** After a lift, in the same transaction (which holds the row's lock): a row that blocks nothing either way goes. */
    static final String DELETE_EMPTY_BLOCK = """
            DELETE FROM user_blocks
            WHERE user_id = :userId AND other_user_id = :otherUserId AND NOT i_blocked AND NOT they_blocked""";

    /** Both directions of a user's blocks, in one read on their shard. */
    static final String BLOCKS_OF = """
            SELECT other_user_id, i_blocked, they_blocked FROM user_blocks WHERE user_id = :userId""";

    /** Everyone a user has a block with, either way: the other sides an account's deletion removes. */
    static final String BLOCK_PEERS =
            "SELECT other_user_id FROM user_blocks WHERE user_id = :userId ORDER BY other_user_id";

    static final String FORGET_BLOCK =
            "DELETE FROM user_blocks WHERE user_id = :userId AND other_user_id = :otherUserId";

    // ---- account erasure ------------------------------------------------------------------------

    /** The account about to be deleted, locked: a second deletion waits and then finds it gone. */
    static final String LIVING_USER_FOR_ERASURE =
            "SELECT username, email FROM users WHERE id = :userId AND deleted_at IS NULL FOR NO KEY UPDATE";

    /**
     * The row stays (user_conversations references it) until the erasure ends, with nothing
     * personal: the reserved username, no email, a password hash no password matches ('!' is
     * not a hash any hasher produces), no profile.
     */
    static final String SCRUB_USER = """
            UPDATE users SET deleted_at = :at, username = :deletedUsername, email = '', password_hash = '!',
                             display_name = NULL, avatar_url = NULL, timezone = NULL
            WHERE id = :userId""";

    /** The deleted account's username stays taken until :freeAt ({@link #CLAIM_USERNAME} takes it after). */
    static final String FREE_USERNAME_AT =
            "UPDATE usernames SET free_at = :freeAt WHERE username_canonical = :canonical AND user_id = :userId";

    static final String FREE_EMAIL_AT =
            "UPDATE emails SET free_at = :freeAt WHERE email_canonical = :canonical AND user_id = :userId";

    static final String INSERT_ERASURE = "INSERT INTO account_erasures (user_id, started_at) VALUES (:userId, :at)";

    /** A step's first statement: the job, locked, so that two workers on one erasure take turns. */
    static final String ERASURE_FOR_STEP = """
            SELECT conversation_peer, message_cursor FROM account_erasures WHERE user_id = :userId FOR NO KEY UPDATE""";

    /** The conversation the erasure works on: the lowest peer the user still has a line with. */
    static final String FIRST_REMAINING_PEER =
            "SELECT peer_id FROM user_conversations WHERE user_id = :userId ORDER BY peer_id LIMIT 1";

    /** The next batch of a conversation, along the primary key (conversation_id, id). */
    static final String MESSAGES_AFTER_ID = """
            SELECT id, sender_id FROM messages
            WHERE conversation_id = :cid AND id > :afterId
            ORDER BY id
            LIMIT :limit""";

    /** Which of these messages the user reacted to. */
    static final String REACTED_BY = """
            SELECT DISTINCT message_id FROM message_reactions
            WHERE conversation_id = :cid AND message_id = ANY(:messageIds) AND user_id = :userId""";

    /**
     * The messages a step writes, locked in id order before the conversation (the order every
     * change takes its locks in), as they stand under the lock.
     */
    static final String LOCK_MESSAGES = """
            SELECT id, seq, sender_id, deleted_at FROM messages
            WHERE conversation_id = :cid AND id = ANY(:messageIds)
            ORDER BY id
            FOR NO KEY UPDATE""";

    static final String ERASE_EARLIER_VERSIONS =
            "DELETE FROM message_edits WHERE conversation_id = :cid AND message_id = ANY(:messageIds)";

    /** Every reaction on the erased messages, and the user's own on the others; which messages lost some. */
    static final String ERASE_REACTIONS = """
            DELETE FROM message_reactions
            WHERE conversation_id = :cid AND message_id = ANY(:messageIds)
              AND (user_id = :userId OR message_id = ANY(:erasedIds))
            RETURNING message_id""";

    /** The user's messages become tombstones, as a deletion for everyone leaves them, and lose their client message id. */
    static final String ERASE_MESSAGES = """
            UPDATE messages SET content = NULL, client_message_id = NULL, edited_at = NULL, edit_count = 0,
                                has_reactions = false, deleted_at = COALESCE(deleted_at, :at)
            WHERE conversation_id = :cid AND id = ANY(:messageIds)""";

    /** Messages that lost their last reaction (the user's) say so. */
    static final String CLEAR_HAS_REACTIONS = """
            UPDATE messages m SET has_reactions = false
            WHERE m.conversation_id = :cid AND m.id = ANY(:messageIds) AND m.has_reactions
              AND NOT EXISTS (SELECT 1 FROM message_reactions r WHERE r.conversation_id = :cid AND r.message_id = m.id)""";

    /** The user's deletions for themself in this batch. */
    static final String ERASE_HIDES = """
            DELETE FROM message_hides WHERE conversation_id = :cid AND user_id = :userId AND message_id = ANY(:messageIds)""";

    /** Which of these messages the user hid for themself. */
    static final String HIDDEN_AMONG = """
            SELECT message_id FROM message_hides
            WHERE conversation_id = :cid AND user_id = :userId AND message_id = ANY(:messageIds)""";

    /**
     * The conversation row's lock, without a position: every writer of a conversation-list line
     * holds it (the markers count on that), and the erasure writes lines.
     */
    static final String LOCK_CONVERSATION = "SELECT last_seq FROM conversations WHERE id = :cid FOR NO KEY UPDATE";

    /**
     * The peer's line after some of the user's messages became tombstones: :removed of them were
     * unread for the peer (and not hidden by them); the preview goes if the newest was one of them.
     */
    static final String ERASED_IN_LINE = """
            UPDATE user_conversations
            SET removed_unread = removed_unread + :removed,
                last_message_preview = CASE WHEN last_message_id = ANY(:erasedIds) THEN NULL ELSE last_message_preview END
            WHERE user_id = :userId AND peer_id = :peerId""";

    /** The peer's line once the conversation is erased: it names the deleted account by the reserved name. */
    static final String PEER_DELETED_IN_LINE =
            "UPDATE user_conversations SET peer_username = :deletedUsername WHERE user_id = :userId AND peer_id = :peerId";

    static final String DELETE_LINE = "DELETE FROM user_conversations WHERE user_id = :userId AND peer_id = :peerId";

    /** Where the erasure stands: the conversation and the last message examined (both NULL between conversations). */
    static final String MOVE_ERASURE_CURSOR = """
            UPDATE account_erasures SET conversation_peer = :peerId, message_cursor = :cursor WHERE user_id = :userId""";

    static final String DELETE_ERASURE = "DELETE FROM account_erasures WHERE user_id = :userId";

    /** The account's last row, once nothing references it. */
    static final String DELETE_USER = "DELETE FROM users WHERE id = :userId AND deleted_at IS NOT NULL";

    /** Erasures to resume after a restart. Asks every shard of account_erasures: once per start, not a hot path. */
    static final String UNFINISHED_ERASURES = "SELECT user_id FROM account_erasures ORDER BY started_at, user_id";
}
