-- Two colocation groups instead of five, on a Citus coordinator; on plain PostgreSQL nothing.
--
-- V2 gave the lookup tables groups of their own. Every group is rebalanced on its own, so adding a
-- worker moved each of the five groups' shards: 50 moves from 2 to 3 workers with 32 shards. Tables
-- with the same distribution column type can share a group: the bigint-keyed message_locations
-- joins users (with user_conversations), the text-keyed usernames and emails join conversations
-- (with messages). The same moves then rebalance twice as many tables. Nothing joins across these
-- tables; colocation here is only about placement.
--
-- update_distributed_table_colocation changes metadata only, and needs the shards of both tables
-- on the same nodes. That holds until the cluster is first rebalanced (V2 placed every table's
-- shards round-robin over the same workers). After a rebalance the groups' placements differ,
-- and the table is rewritten into shards colocated with its new group by alter_distributed_table:
-- a copy of the lookup table under an exclusive lock (about 1.5 s for 500,000 message_locations
-- rows on a test cluster), which blocks registrations or sends until it commits.
DO $$
DECLARE
    pair record;
    moved regclass;
    anchor regclass;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
        RETURN;
    END IF;
    FOR pair IN SELECT * FROM (VALUES ('message_locations', 'users'),
                                      ('usernames', 'conversations'),
                                      ('emails', 'conversations')) AS p (moved, anchor) LOOP
        moved := pair.moved::regclass;
        anchor := pair.anchor::regclass;
        -- not distributed (Citus installed after V2 ran) or already together: nothing to do
        CONTINUE WHEN (SELECT count(*) FROM pg_dist_partition WHERE logicalrelid IN (moved, anchor)) < 2
                   OR (SELECT colocationid FROM pg_dist_partition WHERE logicalrelid = moved)
                      = (SELECT colocationid FROM pg_dist_partition WHERE logicalrelid = anchor);
        IF NOT EXISTS (
                (SELECT s.shardminvalue, s.shardmaxvalue, p.groupid
                 FROM pg_dist_shard s JOIN pg_dist_placement p USING (shardid) WHERE s.logicalrelid = moved
                 EXCEPT
                 SELECT s.shardminvalue, s.shardmaxvalue, p.groupid
                 FROM pg_dist_shard s JOIN pg_dist_placement p USING (shardid) WHERE s.logicalrelid = anchor)
                UNION ALL
                (SELECT s.shardminvalue, s.shardmaxvalue, p.groupid
                 FROM pg_dist_shard s JOIN pg_dist_placement p USING (shardid) WHERE s.logicalrelid = anchor
                 EXCEPT
                 SELECT s.shardminvalue, s.shardmaxvalue, p.groupid
                 FROM pg_dist_shard s JOIN pg_dist_placement p USING (shardid) WHERE s.logicalrelid = moved)) THEN
            PERFORM update_distributed_table_colocation(moved, colocate_with => anchor::text);
        ELSE
            RAISE NOTICE 'the shards of % and % are on different nodes (the cluster was rebalanced): copying % into shards colocated with %',
                moved, anchor, moved, anchor;
            PERFORM alter_distributed_table(moved, colocate_with => anchor::text);
        END IF;
    END LOOP;
END
$$;
