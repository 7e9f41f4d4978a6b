-- Messages that change (issue 11): edits with their history, deletion for everyone (a tombstone
-- that keeps the seq and nothing of the content), deletion for me, reactions, delivery markers,
-- and one change stream per conversation.
--
-- Positions. Every change of a conversation gets the next position of its stream,
-- conversations.last_change_seq, incremented under the conversation row's lock in the change's
-- own transaction, so positions are contiguous and commit in order. A new message's position is
-- messages.change_seq (the send allocates it in the statement that allocates the seq, and writes
-- no row elsewhere, so a send stays five statements); every other change is a row of
-- conversation_changes. The stream is the union of both, ordered by position. Before this
-- migration every change was a message, so a message's position is its seq.
--
-- The change log holds no content: a replayed change shows the message as it stands now, so
-- erasing a message's content, earlier versions and reactions erases them everywhere.
--
-- On Citus every new table is distributed by conversation_id, colocated with messages (and so
-- with conversations): each statement on them pins that column and runs on one shard group.

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
        -- DDL after multi-shard updates of the same tables in one transaction needs Citus to use
        -- one connection per worker throughout
        PERFORM set_config('citus.multi_shard_modify_mode', 'sequential', true);
    END IF;
END
$$;

-- ---- conversations: the newest position of the stream ---------------------------------------

ALTER TABLE conversations ADD COLUMN last_change_seq bigint NOT NULL DEFAULT 0;
UPDATE conversations SET last_change_seq = last_seq;

-- ---- messages: tombstones, edits, replies, the position of their creation --------------------

ALTER TABLE messages ALTER COLUMN content DROP NOT NULL;
-- a message of the same conversation (checked by the service when the reply is sent); no
-- foreign key: the target may be a tombstone, and a reply must never wait for its target's lock
ALTER TABLE messages ADD COLUMN reply_to_id   bigint;
ALTER TABLE messages ADD COLUMN edited_at     timestamptz;
ALTER TABLE messages ADD COLUMN deleted_at    timestamptz;
-- how many earlier versions message_edits holds (the edit limit reads it under the message's lock)
ALTER TABLE messages ADD COLUMN edit_count    integer NOT NULL DEFAULT 0;
-- whether message_reactions has rows for it: pages without reactions skip that query
ALTER TABLE messages ADD COLUMN has_reactions boolean NOT NULL DEFAULT false;
ALTER TABLE messages ADD COLUMN change_seq    bigint;
UPDATE messages SET change_seq = seq;
ALTER TABLE messages ALTER COLUMN change_seq SET NOT NULL;
ALTER TABLE messages ADD CONSTRAINT messages_content_until_deleted CHECK ((content IS NULL) = (deleted_at IS NOT NULL));
ALTER TABLE messages ADD CONSTRAINT messages_tombstone_keeps_nothing
        CHECK (deleted_at IS NULL OR (edited_at IS NULL AND edit_count = 0 AND NOT has_reactions));
-- The counters' and positions' arithmetic (edit_count >= 0, change_seq >= seq, and the conversation
-- lists' markers below) is not re-checked by the database on every send: those checks cost 6 % of
-- the send transaction (pgbench, 8 clients). The domain checks the same invariants whenever a row
-- is read (Message, InboxEntry refuse an inconsistent one) and the store's tests check the writes.
-- The erasure guarantees above are checked here, where no application bug can get past them.
-- No index on (conversation_id, change_seq): it would cost every send a third index insert (14 %
-- of the send transaction, measured). The stream finds messages by seq, which grows with the
-- position; conversation_changes.last_seq turns a position into a seq.

-- ---- the earlier versions of edited messages -------------------------------------------------

-- Version 1 is the text the message was sent with (edited_at NULL), version n + 1 the text edit n
-- replaced (edited_at: when the edit that made it the message's text happened). Deleted with
-- the message's content when it is deleted for everyone.
CREATE TABLE message_edits (
    conversation_id text        NOT NULL,
    message_id      bigint      NOT NULL,
    version         integer     NOT NULL,
    content         text        NOT NULL,
    edited_at       timestamptz,
    CONSTRAINT message_edits_pkey PRIMARY KEY (conversation_id, message_id, version),
    CONSTRAINT message_edits_version_positive CHECK (version >= 1),
    CONSTRAINT message_edits_original_not_edited CHECK ((version = 1) = (edited_at IS NULL))
);

-- ---- reactions: one row per message, emoji and user -----------------------------------------

-- emoji_change_seq: the position of the change that put this emoji on the message first, the
-- same on every row of the emoji while any remains. The emoji are listed in that order (a new
-- emoji goes last, one already there keeps its place when a second user adds it or its first user
-- takes it back), the users of one emoji by id.
CREATE TABLE message_reactions (
    conversation_id  text        NOT NULL,
    message_id       bigint      NOT NULL,
    emoji            text        NOT NULL,
    user_id          bigint      NOT NULL,
    reacted_at       timestamptz NOT NULL,
    emoji_change_seq bigint      NOT NULL,
    CONSTRAINT message_reactions_pkey PRIMARY KEY (conversation_id, message_id, emoji, user_id)
);

-- ---- deletions for me: the participant no longer sees the message in their history -----------

CREATE TABLE message_hides (
    conversation_id text        NOT NULL,
    message_id      bigint      NOT NULL,
    user_id         bigint      NOT NULL,
    hidden_at       timestamptz NOT NULL,
    CONSTRAINT message_hides_pkey PRIMARY KEY (conversation_id, message_id, user_id)
);

-- ---- the change stream, except new messages (messages.change_seq) ---------------------------

-- What changed, never how: a replay reads the message as it stands now. actor_id: the editor,
-- deleter, hider, reactor, reader or recipient; up_to_seq: how far a read or delivery marker moved.
CREATE TABLE conversation_changes (
    conversation_id text        NOT NULL,
    change_seq      bigint      NOT NULL,
    kind            text        NOT NULL,
    message_id      bigint,
    actor_id        bigint      NOT NULL,
    up_to_seq       bigint,
    at              timestamptz NOT NULL,
    -- the conversation's last_seq when the change was made: every position after this row up to
    -- the next row is a new message, so a position converts to a seq without an index on messages
    last_seq        bigint      NOT NULL,
    CONSTRAINT conversation_changes_pkey PRIMARY KEY (conversation_id, change_seq),
    CONSTRAINT conversation_changes_kind
        CHECK (kind IN ('edited', 'deleted', 'hidden', 'reacted', 'unreacted', 'read', 'delivered')),
    CONSTRAINT conversation_changes_subject CHECK (
        CASE WHEN kind IN ('read', 'delivered') THEN message_id IS NULL AND up_to_seq IS NOT NULL
             ELSE message_id IS NOT NULL AND up_to_seq IS NULL END),
    CONSTRAINT conversation_changes_position_positive CHECK (change_seq >= 1),
    CONSTRAINT conversation_changes_last_seq_before_position CHECK (last_seq BETWEEN 0 AND change_seq - 1)
);

-- ---- conversation lists: positions, removed unread messages, delivery and the peer's markers --

-- last_change_seq: the newest position the owner can see (a deletion for me is the hider's
-- only); removed_unread: messages after the owner's read marker removed for the owner (deleted
-- for everyone or hidden by the owner, not the owner's own), so unread = last_seq - last_read_seq
-- - removed_unread; delivered_seq: how far some session of the owner received the messages;
-- peer_read_seq, peer_delivered_seq: the peer's markers (0 in notes to self); the preview is NULL
-- while the newest message is deleted for everyone or hidden by the owner.
ALTER TABLE user_conversations ADD COLUMN last_change_seq    bigint NOT NULL DEFAULT 0;
ALTER TABLE user_conversations ADD COLUMN removed_unread     bigint NOT NULL DEFAULT 0;
ALTER TABLE user_conversations ADD COLUMN delivered_seq      bigint NOT NULL DEFAULT 0;
ALTER TABLE user_conversations ADD COLUMN peer_read_seq      bigint NOT NULL DEFAULT 0;
ALTER TABLE user_conversations ADD COLUMN peer_delivered_seq bigint NOT NULL DEFAULT 0;
ALTER TABLE user_conversations ALTER COLUMN last_message_preview DROP NOT NULL;
-- read implies received
UPDATE user_conversations SET last_change_seq = last_seq, delivered_seq = last_read_seq;

-- The peer's markers come from the peer's row. user_conversations is distributed by user_id, so
-- on Citus the two rows of a conversation lie on different shards and a join of the table with
-- itself by peer is not a query Citus runs: there the rows are copied one by one (each UPDATE
-- a single-shard query). On plain PostgreSQL one UPDATE does it.
DO $$
DECLARE
    line record;
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
        FOR line IN SELECT user_id, peer_id, last_read_seq FROM user_conversations WHERE user_id <> peer_id LOOP
            UPDATE user_conversations
            SET peer_read_seq = LEAST(line.last_read_seq, last_seq), peer_delivered_seq = LEAST(line.last_read_seq, last_seq)
            WHERE user_id = line.peer_id AND peer_id = line.user_id;
        END LOOP;
    ELSE
        UPDATE user_conversations mine
        SET peer_read_seq = LEAST(theirs.last_read_seq, mine.last_seq),
            peer_delivered_seq = LEAST(theirs.last_read_seq, mine.last_seq)
        FROM user_conversations theirs
        WHERE theirs.user_id = mine.peer_id AND theirs.peer_id = mine.user_id AND mine.user_id <> mine.peer_id;
    END IF;
END
$$;

-- ---- Citus: the new tables beside their messages; then the foreign keys (V3's order) ----------

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
        RETURN;
    END IF;
    -- messages is not distributed when Citus was installed after V2 ran: then neither are these
    -- (a separate statement: pg_dist_partition exists only with Citus)
    IF EXISTS (SELECT 1 FROM pg_dist_partition WHERE logicalrelid = 'messages'::regclass) THEN
        PERFORM create_distributed_table('message_edits', 'conversation_id', colocate_with => 'messages');
        PERFORM create_distributed_table('message_reactions', 'conversation_id', colocate_with => 'messages');
        PERFORM create_distributed_table('message_hides', 'conversation_id', colocate_with => 'messages');
        PERFORM create_distributed_table('conversation_changes', 'conversation_id', colocate_with => 'messages');
    END IF;
END
$$;

ALTER TABLE message_edits
    ADD CONSTRAINT message_edits_message_fkey FOREIGN KEY (conversation_id, message_id)
        REFERENCES messages (conversation_id, id);
ALTER TABLE message_reactions
    ADD CONSTRAINT message_reactions_message_fkey FOREIGN KEY (conversation_id, message_id)
        REFERENCES messages (conversation_id, id);
ALTER TABLE message_hides
    ADD CONSTRAINT message_hides_message_fkey FOREIGN KEY (conversation_id, message_id)
        REFERENCES messages (conversation_id, id);
ALTER TABLE conversation_changes ADD CONSTRAINT conversation_changes_conversation_fkey FOREIGN KEY (conversation_id)
        REFERENCES conversations (id);
ALTER TABLE conversation_changes ADD CONSTRAINT conversation_changes_message_fkey FOREIGN KEY (conversation_id, message_id)
        REFERENCES messages (conversation_id, id);
