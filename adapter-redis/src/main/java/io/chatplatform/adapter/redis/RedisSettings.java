package io.chatplatform.adapter.redis;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How to reach Redis: read once at start-up, validated here, never changed afterwards.
 * {@link #toString()} never shows the password, and neither does any message of
 * {@link #fromUrl}.
 *
 * @param host           the server's host name or address (an IPv6 address without brackets)
 * @param port           its TCP port
 * @param database       the logical database to {@code SELECT}
 * @param user           the ACL user to log in as; empty for the {@code default} user
 * @param password       the password; empty when the server asks for none
 * @param tls            whether to connect over TLS ({@code rediss://})
 * @param connectTimeout how long opening a connection may take before the cache counts as unavailable
 * @param socketTimeout  how long one reply may take: the longest a request waits for the cache
 * @param maxConnections the most connections the pool for commands opens (the live event bus's
 *                       subscription has one more of its own)
 * @param keyPrefix      every key of the cache and of presence, and the live event channel, start
 *                       with it, so several deployments or tests can share a server; no braces,
 *                       which would change the keys' Redis Cluster slot
 */
public record RedisSettings(String host, int port, int database, Optional<String> user, Optional<String> password,
                            boolean tls, Duration connectTimeout, Duration socketTimeout, int maxConnections,
                            String keyPrefix) {

    /** Redis's standard port. */
    public static final int DEFAULT_PORT = 6379;
    /** Connection timeout used by {@link #fromUrl}: a healthy Redis on the same network connects in a millisecond. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofMillis(200);
    /** Read timeout used by {@link #fromUrl}: the most a request waits for the cache before it is served without it. */
    public static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofMillis(250);
    /**
     * Pool size used by {@link #fromUrl}: the instance's one pool for commands, shared by the
     * cache, presence, the live event bus's publisher and the rate limiter (decision 0019). A
     * request holds one connection at a time, so the pool needs as many as there are Redis calls in
     * flight at once; on virtual threads that is every request and WebSocket handshake in flight,
     * each held a little longer when two busy cores are slow to resume the thread that waits for the
     * reply. 64 per part was enough in the benchmarks (16 was not: callers timed out waiting for a
     * connection of a healthy Redis); one pool of 128 keeps that room for the busiest part with
     * fewer connections in all. Connections are opened only as they are needed.
     */
    public static final int DEFAULT_MAX_CONNECTIONS = 128;
    /** Key prefix used by {@link #fromUrl}. */
    public static final String DEFAULT_KEY_PREFIX = "chat:";
    /** Longer timeouts would defeat the purpose of a cache: a request must never wait long for it. */
    static final Duration MAX_TIMEOUT = Duration.ofSeconds(60);

    private static final String EXPECTED_FORM =
            "redis://[[user]:password@]host[:port][/database] (or rediss://... for TLS)";
    private static final Pattern KEY_PREFIX = Pattern.compile("[A-Za-z0-9_.:\\-]{1,64}");
    private static final Pattern DATABASE = Pattern.compile("[0-9]{1,9}");

    public RedisSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(socketTimeout, "socketTimeout");
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        if (host.isBlank() || !host.strip().equals(host)) {
            throw new IllegalArgumentException("host cannot be blank or have surrounding spaces, was '" + host + "'");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 1 and 65535, was " + port);
        }
        if (database < 0) {
            throw new IllegalArgumentException("database cannot be negative, was " + database);
        }
        if (user.isPresent() && user.get().isEmpty()) {
            throw new IllegalArgumentException("user cannot be empty (leave it out for the default user)");
        }
        if (password.isPresent() && password.get().isEmpty()) {
            throw new IllegalArgumentException("password cannot be empty (leave it out when the server asks for none)");
        }
        if (user.isPresent() && password.isEmpty()) {
            throw new IllegalArgumentException("user '" + user.get() + "' needs a password: Redis logs a user in with AUTH user password");
        }
        requireTimeout("connectTimeout", connectTimeout);
        requireTimeout("socketTimeout", socketTimeout);
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections cannot be less than 1, was " + maxConnections);
        }
        if (!KEY_PREFIX.matcher(keyPrefix).matches()) {
            throw new IllegalArgumentException("keyPrefix must be 1 to 64 characters among letters, digits and _ . : - "
                    + "(braces would change the keys' Redis Cluster slot), was '" + keyPrefix + "'");
        }
    }

    private static void requireTimeout(String name, Duration timeout) {
        if (timeout.compareTo(Duration.ofMillis(1)) < 0) {
            throw new IllegalArgumentException(name + " must be at least 1 ms, was " + timeout);
        }
        if (timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException(name + " must be at most 60 s: a request must never wait long for the cache, was "
                    + timeout);
        }
    }

    /**
     * Settings from a Redis URL, {@code redis://[[user]:password@]host[:port][/database]}, or
     * {@code rediss://} for TLS. User and password are percent-decoded (so a password may hold
     * {@code @ : /} as {@code %40 %3A %2F}); an IPv6 host goes in brackets
     * ({@code redis://[::1]:6379}). The port defaults to 6379, the database to 0, the rest to the
     * {@code DEFAULT_} constants.
     *
     * @throws IllegalArgumentException saying which form was expected; the message never contains the password
     */
    public static RedisSettings fromUrl(String url) {
        Objects.requireNonNull(url, "url");
        String trimmed = url.strip();
        boolean tls;
        if (trimmed.startsWith("redis://")) {
            tls = false;
        } else if (trimmed.startsWith("rediss://")) {
            tls = true;
        } else {
            throw invalid("it does not start with redis:// or rediss://", url);
        }
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw invalid("it is not a valid URL (characters such as '@', ':' or '/' in the password must be percent-encoded)", url);
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw invalid("it has a query or fragment, which is not supported (timeouts and prefix are set separately)", url);
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw invalid("it has no valid host[:port]", url);
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        int database = 0;
        if (!path.isEmpty() && !path.equals("/")) {
            String number = path.substring(1);
            if (!DATABASE.matcher(number).matches()) {
                throw invalid("its path must be a database number such as /0", url);
            }
            database = Integer.parseInt(number);
        }
        Optional<String> user = Optional.empty();
        Optional<String> password = Optional.empty();
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            if (colon < 0) {
                throw invalid("its user info has no ':' (write redis://:password@host for a password alone, "
                        + "redis://user:password@host with a user)", url);
            }
            user = Optional.of(decode(userInfo.substring(0, colon))).filter(text -> !text.isEmpty());
            password = Optional.of(decode(userInfo.substring(colon + 1))).filter(text -> !text.isEmpty());
            if (user.isPresent() && password.isEmpty()) {
                throw invalid("it names a user without a password", url);
            }
        }
        return new RedisSettings(host, port, database, user, password, tls, DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_SOCKET_TIMEOUT, DEFAULT_MAX_CONNECTIONS, DEFAULT_KEY_PREFIX);
    }

    /** The same settings with every key under {@code keyPrefix}. */
    public RedisSettings withKeyPrefix(String keyPrefix) {
        return new RedisSettings(host, port, database, user, password, tls, connectTimeout, socketTimeout, maxConnections,
                keyPrefix);
    }

    /** The same settings with other timeouts for connecting and for each reply. */
    public RedisSettings withTimeouts(Duration connectTimeout, Duration socketTimeout) {
        return new RedisSettings(host, port, database, user, password, tls, connectTimeout, socketTimeout, maxConnections,
                keyPrefix);
    }

    /** The same settings with a different pool size. */
    public RedisSettings withMaxConnections(int maxConnections) {
        return new RedisSettings(host, port, database, user, password, tls, connectTimeout, socketTimeout, maxConnections,
                keyPrefix);
    }

    /** {@code host:port/database}, for messages and logs. */
    String address() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/" + database;
    }

    @Override
    public String toString() {
        return "RedisSettings[" + (tls ? "rediss://" : "redis://") + address() + ", user=" + user.orElse("(default)")
                + ", password=" + (password.isPresent() ? "***" : "(none)") + ", connectTimeout=" + connectTimeout.toMillis()
                + " ms, socketTimeout=" + socketTimeout.toMillis() + " ms, maxConnections=" + maxConnections
                + ", keyPrefix=" + keyPrefix + "]";
    }

    private static String decode(String value) {
        // percent-decoding only: in a URL's user info, '+' is a plus sign; java.net.URI has checked the escapes
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static IllegalArgumentException invalid(String problem, String url) {
        return new IllegalArgumentException("Redis URL must look like " + EXPECTED_FORM + "; " + problem + ": '"
                + redact(url) + "'");
    }

    /**
     * The URL with its user info hidden but for the user name: everything between {@code ://}
     * and the last {@code @} could be a password, whether or not the URL is well formed.
     */
    static String redact(String url) {
        int start = url.indexOf("://");
        int at = url.lastIndexOf('@');
        if (start < 0 || at < start) {
            return url;
        }
        String userInfo = url.substring(start + 3, at);
        int colon = userInfo.indexOf(':');
        String shown = colon < 0 ? "***" : userInfo.substring(0, colon) + ":***";
        return url.substring(0, start + 3) + shown + url.substring(at);
    }
}
