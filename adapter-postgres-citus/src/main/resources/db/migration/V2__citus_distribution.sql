-- On a Citus coordinator, distribute every table by the column its hot-path queries pin; on plain
-- PostgreSQL this migration does nothing. Lookup tables get their own colocation groups
-- ('none'): they are never joined with anything.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
        PERFORM create_distributed_table('users', 'id', colocate_with => 'none');
        PERFORM create_distributed_table('user_conversations', 'user_id', colocate_with => 'users');
        PERFORM create_distributed_table('usernames', 'username_canonical', colocate_with => 'none');
        PERFORM create_distributed_table('emails', 'email_canonical', colocate_with => 'none');
        PERFORM create_distributed_table('conversations', 'id', colocate_with => 'none');
        PERFORM create_distributed_table('messages', 'conversation_id', colocate_with => 'conversations');
        PERFORM create_distributed_table('message_locations', 'message_id', colocate_with => 'none');
    END IF;
END
$$;
