-- users_last_seen_idx was meant for an online list read from the database (last_seen >= ? ORDER BY
-- last_seen DESC). The online list comes from the presence registry instead, and no statement
-- filters or sorts users by last_seen, so the index only cost a write on every recorded activity.
-- On Citus the DROP is propagated to every shard.
DROP INDEX IF EXISTS users_last_seen_idx;
