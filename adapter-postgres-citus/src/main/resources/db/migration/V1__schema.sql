-- Chat schema. The same migrations run on plain PostgreSQL and on a Citus coordinator: tables are
-- created here without foreign keys, V2 distributes them when Citus is present, V3 adds the
-- foreign keys (Citus accepts them only after distribution).
--
-- Every primary key and unique constraint includes the table's distribution column (Citus
-- requires it), and ids stay below 2^53 so they survive JSON.

CREATE SEQUENCE users_id_seq AS bigint;
CREATE SEQUENCE messages_id_seq AS bigint;

-- distributed by id, colocated with user_conversations
CREATE TABLE users (
    id            bigint      NOT NULL,
    username      text        NOT NULL,
    email         text        NOT NULL,
    password_hash text        NOT NULL,
    display_name  text,
    avatar_url    text,
    timezone      text,
    created_at    timestamptz NOT NULL,
    last_seen     timestamptz NOT NULL,
    CONSTRAINT users_pkey PRIMARY KEY (id)
);
-- the online list: last_seen >= ? ORDER BY last_seen DESC
CREATE INDEX users_last_seen_idx ON users (last_seen DESC);
-- search by name; serves exact and prefix matches (substring matches scan each shard, bounded by LIMIT)
CREATE INDEX users_username_lower_idx ON users (lower(username) text_pattern_ops);

-- Lookup tables that make handles unique across shards: users is distributed by id, so a unique
-- index on users.username would only be unique per shard. Written in the same transaction as users.
CREATE TABLE usernames (
    username_canonical text   NOT NULL,
    user_id            bigint NOT NULL,
    CONSTRAINT usernames_pkey PRIMARY KEY (username_canonical)
);

CREATE TABLE emails (
    email_canonical text   NOT NULL,
    user_id         bigint NOT NULL,
    CONSTRAINT emails_pkey PRIMARY KEY (email_canonical)
);

-- One row per direct conversation; id is '<low user id>:<high user id>', so get-or-create is an
-- upsert on the primary key and last_seq is allocated under that row's lock.
CREATE TABLE conversations (
    id         text        NOT NULL,
    user_low   bigint      NOT NULL,
    user_high  bigint      NOT NULL,
    last_seq   bigint      NOT NULL,
    created_at timestamptz NOT NULL,
    CONSTRAINT conversations_pkey PRIMARY KEY (id),
    CONSTRAINT conversations_users_ordered CHECK (user_low <= user_high),
    CONSTRAINT conversations_last_seq_positive CHECK (last_seq >= 1)
);

-- distributed by conversation_id, colocated with conversations
CREATE TABLE messages (
    conversation_id   text        NOT NULL,
    id                bigint      NOT NULL,
    seq               bigint      NOT NULL,
    sender_id         bigint      NOT NULL,
    recipient_id      bigint      NOT NULL,
    content           text        NOT NULL,
    client_message_id text,
    created_at        timestamptz NOT NULL,
    CONSTRAINT messages_pkey PRIMARY KEY (conversation_id, id),
    CONSTRAINT messages_seq_key UNIQUE (conversation_id, seq),
    CONSTRAINT messages_seq_positive CHECK (seq >= 1)
);
-- idempotent sends: a client message id is unique per sender within a conversation
CREATE UNIQUE INDEX messages_client_message_id_key ON messages (conversation_id, sender_id, client_message_id)
    WHERE client_message_id IS NOT NULL;

-- Where a message lives, by message id alone: turns "find message 42" into two single-shard
-- queries instead of a query on every shard of messages.
CREATE TABLE message_locations (
    message_id      bigint NOT NULL,
    conversation_id text   NOT NULL,
    CONSTRAINT message_locations_pkey PRIMARY KEY (message_id)
);

-- The conversation list, one row per participant; distributed by user_id, colocated with users.
-- Unread = last_seq - last_read_seq, never a count over messages.
CREATE TABLE user_conversations (
    user_id              bigint      NOT NULL,
    peer_id              bigint      NOT NULL,
    conversation_id      text        NOT NULL,
    peer_username        text        NOT NULL,
    last_seq             bigint      NOT NULL,
    last_read_seq        bigint      NOT NULL,
    last_message_id      bigint      NOT NULL,
    last_message_at      timestamptz NOT NULL,
    last_message_preview text        NOT NULL,
    CONSTRAINT user_conversations_pkey PRIMARY KEY (user_id, peer_id),
    CONSTRAINT user_conversations_read_within_conversation CHECK (last_read_seq BETWEEN 0 AND last_seq)
);
CREATE INDEX user_conversations_recent_idx ON user_conversations (user_id, last_message_at DESC);
