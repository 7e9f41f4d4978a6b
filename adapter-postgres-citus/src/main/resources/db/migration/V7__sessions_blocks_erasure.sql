-- Sessions, blocking and account deletion (issue 12).
--
-- Every new table belongs to a user and is distributed by that user's id, colocated with users
-- (on Citus): sessions, their spent refresh-token hashes, both sides of every block and the
-- erasure jobs are read and written by user_id, one shard each. As in V1 and V6, the tables are
-- created without foreign keys, distributed when Citus is present, and the foreign keys come last.

-- ---- login sessions ----------------------------------------------------------------------------

-- Session ids come from a coordinator sequence, like users_id_seq: unique cluster-wide, below 2^53.
CREATE SEQUENCE sessions_id_seq AS bigint;

-- One row per logged-in device. refresh_hash: the SHA-256 (hex) of the current refresh token's
-- secret, never the secret. An ended session is deleted (with its spent hashes): there is no
-- "revoked" state. Creating a session deletes the user's sessions whose refresh token expired.
CREATE TABLE sessions (
    user_id            bigint      NOT NULL,
    id                 bigint      NOT NULL,
    refresh_hash       text        NOT NULL,
    created_at         timestamptz NOT NULL,
    last_used_at       timestamptz NOT NULL,
    user_agent         text,
    refresh_expires_at timestamptz NOT NULL,
    CONSTRAINT sessions_pkey PRIMARY KEY (user_id, id),
    CONSTRAINT sessions_used_after_created CHECK (last_used_at >= created_at)
);

-- The hashes a session's rotations replaced, with when: a spent token presented again is either a
-- client's duplicate (within the reuse grace) or a theft. Deleted with the session (ON DELETE
-- CASCADE below). A rotation prunes its session's hashes spent longer ago than the refresh TTL
-- (the span from the rotation to the new token's expiry): such a token had expired anyway, since
-- it was issued before it was spent, and presenting it finds nothing.
CREATE TABLE session_spent_tokens (
    user_id    bigint      NOT NULL,
    session_id bigint      NOT NULL,
    token_hash text        NOT NULL,
    spent_at   timestamptz NOT NULL,
    CONSTRAINT session_spent_tokens_pkey PRIMARY KEY (user_id, session_id, token_hash)
);

-- ---- blocking ----------------------------------------------------------------------------------

-- Both directions of a pair, on each user's side: (A, B, i_blocked = true) and (B, A,
-- they_blocked = true) when A blocked B, written in one transaction (the lower user id's row
-- first, so that two transactions on one pair cannot deadlock). A row whose flags are both false
-- is deleted in the transaction that cleared the last one. Reading a user's blocks both ways is
-- one query on their shard.
CREATE TABLE user_blocks (
    user_id       bigint      NOT NULL,
    other_user_id bigint      NOT NULL,
    i_blocked     boolean     NOT NULL,
    they_blocked  boolean     NOT NULL,
    updated_at    timestamptz NOT NULL,
    CONSTRAINT user_blocks_pkey PRIMARY KEY (user_id, other_user_id),
    CONSTRAINT user_blocks_not_self CHECK (user_id <> other_user_id)
);

-- ---- account deletion --------------------------------------------------------------------------

-- Set when the account was deleted. The row is scrubbed in the same transaction (username
-- 'deleted_user', email '', no password, no profile) and kept only until the erasure of its
-- messages ends: user_conversations references it. No read of accounts returns such a row.
ALTER TABLE users ADD COLUMN deleted_at timestamptz;

-- Retention of a deleted account's handles: its usernames and emails rows stay, with free_at
-- set, so that nobody can take the name or address right away (the handles are the only personal
-- data kept after the erasure). From free_at on, a registration that asks for the handle replaces
-- the row in its own transaction (an upsert that only a row whose free_at has passed lets
-- through, so of two registrations one wins). A freed row nobody asks for stays until then; it
-- may be removed at any time with DELETE ... WHERE free_at < now() (every shard of the table).
ALTER TABLE usernames ADD COLUMN free_at timestamptz;
ALTER TABLE emails ADD COLUMN free_at timestamptz;

-- One row per erasure under way. The messages are erased one conversation at a time (the lowest
-- remaining peer first), a batch of messages per transaction: conversation_peer is the
-- conversation being walked and message_cursor the highest message id examined in it (both NULL
-- between conversations). A restarted erasure continues after the cursor.
CREATE TABLE account_erasures (
    user_id           bigint      NOT NULL,
    started_at        timestamptz NOT NULL,
    conversation_peer bigint,
    message_cursor    bigint,
    CONSTRAINT account_erasures_pkey PRIMARY KEY (user_id),
    CONSTRAINT account_erasures_cursor_in_conversation CHECK ((conversation_peer IS NULL) = (message_cursor IS NULL))
);

-- ---- Citus: the new tables beside their users; then the foreign keys ---------------------------

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
        RETURN;
    END IF;
    -- users is not distributed when Citus was installed after V2 ran: then neither are these
    IF EXISTS (SELECT 1 FROM pg_dist_partition WHERE logicalrelid = 'users'::regclass) THEN
        PERFORM create_distributed_table('sessions', 'user_id', colocate_with => 'users');
        PERFORM create_distributed_table('session_spent_tokens', 'user_id', colocate_with => 'users');
        PERFORM create_distributed_table('user_blocks', 'user_id', colocate_with => 'users');
        PERFORM create_distributed_table('account_erasures', 'user_id', colocate_with => 'users');
    END IF;
END
$$;

-- References to the owner's users row (the erasure deletes these rows before it). other_user_id
-- crosses shards and has no foreign key, as user_conversations.peer_id.
ALTER TABLE sessions
    ADD CONSTRAINT sessions_user_fkey FOREIGN KEY (user_id) REFERENCES users (id);
ALTER TABLE session_spent_tokens
    ADD CONSTRAINT session_spent_tokens_session_fkey FOREIGN KEY (user_id, session_id)
        REFERENCES sessions (user_id, id) ON DELETE CASCADE;
ALTER TABLE user_blocks
    ADD CONSTRAINT user_blocks_user_fkey FOREIGN KEY (user_id) REFERENCES users (id);
ALTER TABLE account_erasures
    ADD CONSTRAINT account_erasures_user_fkey FOREIGN KEY (user_id) REFERENCES users (id);
