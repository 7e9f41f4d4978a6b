-- Foreign keys between colocated tables on their distribution columns: the only kind Citus
-- enforces between distributed tables, added after V2 distributed them (on plain PostgreSQL they
-- are ordinary foreign keys). References across shards (sender_id, recipient_id, peer_id,
-- message_locations, usernames, emails) are kept by the application's transactions instead.
ALTER TABLE messages
    ADD CONSTRAINT messages_conversation_fkey FOREIGN KEY (conversation_id) REFERENCES conversations (id);

ALTER TABLE user_conversations
    ADD CONSTRAINT user_conversations_user_fkey FOREIGN KEY (user_id) REFERENCES users (id);
