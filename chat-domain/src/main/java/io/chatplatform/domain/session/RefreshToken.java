package io.chatplatform.domain.session;

import io.chatplatform.domain.user.UserId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A refresh token as the client holds it: {@code rt1.<user id>.<session id>.<secret>}, where the
 * secret is 32 random bytes in unpadded base64url. The ids are not secret; they let the server
 * find the session with one lookup on the user's shard, without an index over all sessions. Only
 * the {@link #hash()} of the secret is stored. Never printed.
 */
public record RefreshToken(UserId user, SessionId session, String secret) {

    /** Random bytes in a secret. */
    public static final int SECRET_BYTES = 32;
    private static final String PREFIX = "rt1";
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Pattern FORMAT = Pattern.compile("rt1\\.([1-9][0-9]{0,15})\\.([1-9][0-9]{0,15})\\.([A-Za-z0-9_-]{43})");

    public RefreshToken {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(secret, "secret");
        if (!SECRET.matcher(secret).matches()) {
            throw new IllegalArgumentException("a refresh token's secret is 43 base64url characters (32 bytes)");
        }
    }

    /** A token with a fresh secret made of {@code randomBytes} (exactly {@link #SECRET_BYTES}, from a secure random source). */
    public static RefreshToken of(UserId user, SessionId session, byte[] randomBytes) {
        if (randomBytes.length != SECRET_BYTES) {
            throw new IllegalArgumentException("a refresh token needs " + SECRET_BYTES + " random bytes, got " + randomBytes.length);
        }
        return new RefreshToken(user, session, Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes));
    }

    /** The token a client presented, if it is well-formed; whether it is genuine only its hash can tell. */
    public static Optional<RefreshToken> parse(String presented) {
        if (presented == null || presented.length() > 100) {
            return Optional.empty();
        }
        Matcher matcher = FORMAT.matcher(presented);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new RefreshToken(UserId.of(Long.parseLong(matcher.group(1))),
                    SessionId.of(Long.parseLong(matcher.group(2))), matcher.group(3)));
        } catch (RuntimeException outOfRange) {
            return Optional.empty();
        }
    }

    /** What the client is given and presents. */
    public String value() {
        return PREFIX + "." + user.value() + "." + session.value() + "." + secret;
    }

    /** What the server stores. */
    public RefreshTokenHash hash() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII));
            return new RefreshTokenHash(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "RefreshToken[user=" + user + ", session=" + session + ", ***]";
    }
}
