package io.chatplatform.adapter.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * A server-side script, run by its SHA-1 ({@code EVALSHA}); a server that does not know it (after
 * a restart or a {@code SCRIPT FLUSH}) gets its text once ({@code EVAL}, which also caches it).
 */
record LuaScript(String name, String text, String sha) {

    /**
     * One lookup in one round trip: reads the epoch (creating it at {@code ARGV[3]} when absent,
     * after Redis lost its data), the scope's generation (absent: 0) and the entry stored under
     * both. The entry's key is known only once the counters are read, so the script assembles it
     * from the head and the id it is given.
     *
     * <p>When the caller already holds the entry of some epoch and generation ({@code ARGV[4]},
     * "epoch:generation", empty otherwise) and they are still current, the value is not sent again:
     * the reply's fourth element says so.
     *
     * <p>KEYS: epoch, [generation]. ARGV: entry head, entry id, epoch seed, held version.
     * Returns {epoch, generation, value or nil, '1' when the held version is current}.
     */
    static final LuaScript GET = of("get", """
            local epoch = redis.call('GET', KEYS[1])
            if not epoch then
              epoch = ARGV[3]
              redis.call('SET', KEYS[1], epoch)
            end
            local generation = '0'
            local entry = ARGV[1] .. 'e' .. epoch .. ':' .. ARGV[2]
            if KEYS[2] then
              generation = redis.call('GET', KEYS[2]) or '0'
              entry = ARGV[1] .. 'e' .. epoch .. ':g' .. generation .. ':' .. ARGV[2]
            end
            if ARGV[4] == epoch .. ':' .. generation then
              return {epoch, generation, false, '1'}
            end
            return {epoch, generation, redis.call('GET', entry), '0'}
            """);

    /**
     * Stores an entry only if the epoch and the generation are still those the lookup observed
     * (otherwise the value may be stale and no reader would look there anyway), and refreshes the
     * generation counter's expiry so that it outlives the entry.
     *
     * <p>KEYS: epoch, entry, [generation]. ARGV: observed epoch, observed generation, value,
     * entry ttl ms, generation ttl ms. Returns 1 when stored, 0 when dropped.
     */
    static final LuaScript PUT = of("put", """
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then
              return 0
            end
            if KEYS[3] then
              if (redis.call('GET', KEYS[3]) or '0') ~= ARGV[2] then
                return 0
              end
              redis.call('PEXPIRE', KEYS[3], ARGV[5])
            end
            redis.call('SET', KEYS[2], ARGV[3], 'PX', ARGV[4])
            return 1
            """);

    /**
     * Records or renews a presence claim (a connection, or "activity") and answers whether the user
     * had no unexpired claim at now: drops the user's expired claims, never shortens the claim, and
     * sets the user's score to their latest expiry. Without a now (activity, whose port method has
     * none) nothing is dropped and the answer means nothing.
     *
     * <p>The keys' lifetimes follow the server's clock ({@code TIME}), not the callers': both keys
     * live until the latest expiry they hold plus a grace period, so nothing lingers once every
     * instance is gone, and clocks may disagree by up to the grace period.
     *
     * <p>KEYS: the user's hash, the online set. ARGV: user id, claim, now ms (or empty), expiry ms,
     * grace ms. Returns 1 when the user was offline, 0 when online.
     */
    static final LuaScript CLAIM = of("presence claim", """
            local now = tonumber(ARGV[3])
            local expiry = ARGV[4]
            local latest, latestText = tonumber(expiry), expiry
            local wasOnline = 0
            local claims = redis.call('HGETALL', KEYS[1])
            for i = 1, #claims, 2 do
              local at = tonumber(claims[i + 1])
              if at == nil or (now and at <= now) then
                redis.call('HDEL', KEYS[1], claims[i])
              else
                wasOnline = 1
                if claims[i] == ARGV[2] and at > tonumber(expiry) then
                  expiry = claims[i + 1]
                end
                if at > latest then
                  latest, latestText = at, claims[i + 1]
                end
              end
            end
            redis.call('HSET', KEYS[1], ARGV[2], expiry)
            redis.call('ZADD', KEYS[2], latestText, ARGV[1])
            local time = redis.call('TIME')
            local ttl = math.max(latest - (tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)), 0)
                + tonumber(ARGV[5])
            redis.call('PEXPIRE', KEYS[1], ttl)
            if redis.call('PTTL', KEYS[2]) < ttl then
              redis.call('PEXPIRE', KEYS[2], ttl)
            end
            return 1 - wasOnline
            """);

    /**
     * Removes a claim (a connection that closed) and the user's expired claims; the user keeps
     * their score as their latest remaining expiry, or, with nothing left, leaves the online set
     * and loses their hash. The hash lives as {@link #CLAIM} says.
     *
     * <p>KEYS: the user's hash, the online set. ARGV: user id, claim, now ms, grace ms.
     * Returns 1 when the user is offline now, 0 when still online.
     */
    static final LuaScript RELEASE = of("presence release", """
            local now = tonumber(ARGV[3])
            redis.call('HDEL', KEYS[1], ARGV[2])
            local latest, latestText = nil, nil
            local claims = redis.call('HGETALL', KEYS[1])
            for i = 1, #claims, 2 do
              local at = tonumber(claims[i + 1])
              if at == nil or at <= now then
                redis.call('HDEL', KEYS[1], claims[i])
              elseif latest == nil or at > latest then
                latest, latestText = at, claims[i + 1]
              end
            end
            if latest == nil then
              redis.call('DEL', KEYS[1])
              redis.call('ZREM', KEYS[2], ARGV[1])
              return 1
            end
            redis.call('ZADD', KEYS[2], latestText, ARGV[1])
            local time = redis.call('TIME')
            local ttl = math.max(latest - (tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)), 0)
                + tonumber(ARGV[4])
            redis.call('PEXPIRE', KEYS[1], ttl)
            return 0
            """);

    /**
     * Takes up to a batch of users whose latest expiry is not after now out of the online set and
     * deletes their hashes. Only a member this script removed is answered, and the script runs
     * alone, so of several instances sweeping at once exactly one gets each user. The hash's key is
     * assembled from its head and the user id, which is why presence needs a single Redis node.
     *
     * <p>KEYS: the online set. ARGV: now ms, batch size, presence hash head.
     * Returns the user ids removed.
     */
    static final LuaScript EXPIRE = of("presence expire", """
            local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[2])
            local gone = {}
            for _, user in ipairs(due) do
              if redis.call('ZREM', KEYS[1], user) == 1 then
                redis.call('DEL', ARGV[3] .. user .. '}')
                gone[#gone + 1] = user
              end
            end
            return gone
            """);

    static LuaScript of(String name, String text) {
        return new LuaScript(name, text, sha1(text));
    }

    /** Runs the script: by SHA-1, or by text when the server has forgotten it. */
    Object run(UnifiedJedis client, List<String> keys, List<String> args) {
        try {
            return client.evalsha(sha, keys, args);
        } catch (JedisNoScriptException e) {
            return client.eval(text, keys, args);
        }
    }

    /** Caches the script on the server ({@code SCRIPT LOAD}); the server's answer must be our SHA-1. */
    void load(UnifiedJedis client) {
        String loaded = client.scriptLoad(text);
        if (!sha.equalsIgnoreCase(loaded)) {
            throw new IllegalStateException("SCRIPT LOAD of the " + name + " script answered " + loaded + ", expected " + sha);
        }
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }
}
