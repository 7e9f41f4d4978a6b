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
     * <p>KEYS: epoch, [generation]. ARGV: entry head, entry id, epoch seed.
     * Returns {epoch, generation, value or nil}.
     */
    static final LuaScript GET = of("get", """
            local epoch = redis.call('GET', KEYS[1])
            if not epoch then
              epoch = ARGV[3]
              redis.call('SET', KEYS[1], epoch)
            end
            if KEYS[2] then
              local generation = redis.call('GET', KEYS[2]) or '0'
              return {epoch, generation, redis.call('GET', ARGV[1] .. 'e' .. epoch .. ':g' .. generation .. ':' .. ARGV[2])}
            end
            return {epoch, '0', redis.call('GET', ARGV[1] .. 'e' .. epoch .. ':' .. ARGV[2])}
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
