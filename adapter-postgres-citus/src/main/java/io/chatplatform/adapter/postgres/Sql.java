package io.chatplatform.adapter.postgres;

/**
 * Every statement the stores run, in one place so that tests can EXPLAIN the exact text.
 *
 * <p>On Citus a statement is a cheap single-shard ("router") query only when it pins the
 * distribution column of every table it touches by equality: {@code users.id},
 * {@code usernames.username_canonical}, {@code emails.email_canonical}, {@code conversations.id},
 * {@code messages.conversation_id}, {@code message_locations.message_id},
 * {@code user_conversations.user_id}. All statements here do, except {@link #SEARCH_USERS} and
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

    static final String MESSAGE_COLUMNS =
            "conversation_id, id, seq, sender_id, recipient_id, content, client_message_id, created_at";

    /** Append step 1: a retried send finds the message its first attempt stored. */
    static final String MESSAGE_BY_CLIENT_MESSAGE_ID = "SELECT " + MESSAGE_COLUMNS + """
             FROM messages
            WHERE conversation_id = :cid AND sender_id = :senderId AND client_message_id = :clientMessageId""";

    /**
     * Append step 2: get-or-create the conversation and allocate the next seq in one statement.
     * The row lock it takes is held until commit, so concurrent sends into one conversation queue
     * here and get contiguous seqs; two first messages at the same instant cannot create two rows.
     */
    static final String ADVANCE_CONVERSATION = """
            INSERT INTO conversations (id, user_low, user_high, last_seq, created_at)
            VALUES (:cid, :userLow, :userHigh, 1, :now)
            ON CONFLICT (id) DO UPDATE SET last_seq = conversations.last_seq + 1
            RETURNING last_seq""";

    /** Append step 3. The id comes from a coordinator sequence, so it is unique across shards. */
    static final String INSERT_MESSAGE = """
            INSERT INTO messages (conversation_id, id, seq, sender_id, recipient_id, content, client_message_id, created_at)
            VALUES (:cid, nextval('messages_id_seq'), :seq, :senderId, :recipientId, :content, :clientMessageId, :createdAt)
            RETURNING\s""" + MESSAGE_COLUMNS;

    /** Append step 4: lets {@link #MESSAGE_LOCATION} find the conversation from the message id alone. */
    static final String INSERT_MESSAGE_LOCATION =
            "INSERT INTO message_locations (message_id, conversation_id) VALUES (:messageId, :cid)";

    /**
     * Append step 5: the sender's conversation-list row moves to the new message and is read up
     * to it. GREATEST/CASE keep the row from moving backwards.
     */
    static final String UPSERT_SENDER_INBOX = """
            INSERT INTO user_conversations AS uc (user_id, peer_id, conversation_id, peer_username, last_seq,
                                                  last_read_seq, last_message_id, last_message_at, last_message_preview)
            VALUES (:userId, :peerId, :cid, :peerUsername, :seq, :seq, :messageId, :at, :preview)
            ON CONFLICT (user_id, peer_id) DO UPDATE SET
                peer_username        = EXCLUDED.peer_username,
                last_seq             = GREATEST(uc.last_seq, EXCLUDED.last_seq),
                last_read_seq        = GREATEST(uc.last_read_seq, EXCLUDED.last_read_seq),
                last_message_id      = CASE WHEN EXCLUDED.last_seq > uc.last_seq THEN EXCLUDED.last_message_id ELSE uc.last_message_id END,
                last_message_at      = CASE WHEN EXCLUDED.last_seq > uc.last_seq THEN EXCLUDED.last_message_at ELSE uc.last_message_at END,
                last_message_preview = CASE WHEN EXCLUDED.last_seq > uc.last_seq THEN EXCLUDED.last_message_preview ELSE uc.last_message_preview END""";

    /** Append step 6: the recipient's row moves to the new message; their read marker stays (0 when new). */
    static final String UPSERT_RECIPIENT_INBOX = """
            INSERT INTO user_conversations AS uc (user_id, peer_id, conversation_id, peer_username, last_seq,
                                                  last_read_seq, last_message_id, last_message_at, last_message_preview)
            VALUES (:userId, :peerId, :cid, :peerUsername, :seq, 0, :messageId, :at, :preview)
            ON CONFLICT (user_id, peer_id) DO UPDATE SET
                peer_username        = EXCLUDED.peer_username,
                last_seq             = GREATEST(uc.last_seq, EXCLUDED.last_seq),
                last_message_id      = CASE WHEN EXCLUDED.last_seq > uc.last_seq THEN EXCLUDED.last_message_id ELSE uc.last_message_id END,
                last_message_at      = CASE WHEN EXCLUDED.last_seq > uc.last_seq THEN EXCLUDED.last_message_at ELSE uc.last_message_at END,
                last_message_preview = CASE WHEN EXCLUDED.last_seq > uc.last_seq THEN EXCLUDED.last_message_preview ELSE uc.last_message_preview END""";

    static final String PAGE_NEWEST = "SELECT " + MESSAGE_COLUMNS + """
             FROM messages
            WHERE conversation_id = :cid
            ORDER BY seq DESC
            LIMIT :limit OFFSET :offset""";

    /** A reconnecting client's replay: what came after the seq it last saw, oldest first. */
    static final String MESSAGES_AFTER = "SELECT " + MESSAGE_COLUMNS + """
             FROM messages
            WHERE conversation_id = :cid AND seq > :afterSeq
            ORDER BY seq
            LIMIT :limit""";

    /** A cursor that is not a message of this conversation makes the subquery NULL, so the page is empty. */
    static final String PAGE_BEFORE = "SELECT " + MESSAGE_COLUMNS + """
             FROM messages
            WHERE conversation_id = :cid
              AND seq < (SELECT seq FROM messages WHERE conversation_id = :cid AND id = :beforeId)
            ORDER BY seq DESC
            LIMIT :limit OFFSET :offset""";

    static final String MESSAGE_BY_ID = "SELECT " + MESSAGE_COLUMNS
            + " FROM messages WHERE conversation_id = :cid AND id = :messageId";

    static final String MESSAGE_LOCATION =
            "SELECT conversation_id FROM message_locations WHERE message_id = :messageId";

    // ---- conversation lists --------------------------------------------------------------------

    static final String LIST_INBOX = """
            SELECT user_id, peer_id, peer_username, last_seq, last_read_seq, last_message_id, last_message_at,
                   last_message_preview
            FROM user_conversations
            WHERE user_id = :userId
            ORDER BY last_message_at DESC, last_seq DESC, peer_id
            LIMIT :limit""";

    /** The owner's line for one peer: whether the two have a conversation, by the primary key. */
    static final String INBOX_ENTRY = """
            SELECT user_id, peer_id, peer_username, last_seq, last_read_seq, last_message_id, last_message_at,
                   last_message_preview
            FROM user_conversations
            WHERE user_id = :userId AND peer_id = :peerId""";

    /** Unread arithmetic over the owner's rows; never a count over messages. */
    static final String TOTAL_UNREAD = """
            SELECT CAST(COALESCE(SUM(last_seq - last_read_seq), 0) AS bigint)
            FROM user_conversations
            WHERE user_id = :userId""";

    /** Moves the marker forward only, and never past the newest message; :upTo may be Long.MAX_VALUE. */
    static final String MARK_READ = """
            UPDATE user_conversations
            SET last_read_seq = LEAST(last_seq, GREATEST(last_read_seq, :upTo))
            WHERE user_id = :userId AND peer_id = :peerId
            RETURNING last_read_seq, last_seq""";
}
