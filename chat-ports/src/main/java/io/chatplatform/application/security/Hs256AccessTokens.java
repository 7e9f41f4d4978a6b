package io.chatplatform.application.security;

import io.chatplatform.application.port.out.AccessTokens;
import io.chatplatform.domain.InvalidValueException;
import io.chatplatform.domain.session.SessionId;
import io.chatplatform.domain.user.UserId;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * JSON Web Tokens signed with HMAC-SHA256, with the JDK alone: the same tokens as the service's
 * own issuer (java-jwt in {@code bootstrap}), so either accepts the other's tokens when they share
 * the secret. Claims: {@code iss} ({@value #ISSUER}), {@code sub} (the user id), {@code sid} (the session id), {@code iat} and
 * {@code exp} (seconds since the epoch).
 *
 * <p>Checking a token: the header must name {@code HS256} (a token naming any other algorithm,
 * {@code none} included, is refused before its signature is looked at); the signature is compared
 * in constant time; then the issuer, a numeric {@code exp} and a user id in {@code sub} are
 * required, and the token is accepted only before its expiry, judged at the caller's "now".
 * Anything malformed is simply not valid: {@link #verify} never throws for a bad token.
 *
 * <p>Safe for concurrent use: each call works on its own {@link Mac}.
 */
public final class Hs256AccessTokens implements AccessTokens {

    /** HS256 needs a key at least as long as its output: 256 bits. */
    public static final int MIN_SECRET_BYTES = 32;
    /** The {@code iss} claim, the same as the service's. */
    public static final String ISSUER = "chat-platform";
    /** How long a token is accepted unless said otherwise; the service's default too. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(15);

    private static final String MAC_ALGORITHM = "HmacSHA256";
    private static final String HEADER = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final String ENCODED_HEADER = ENCODER.encodeToString(HEADER.getBytes(StandardCharsets.UTF_8));

    private final SecretKeySpec key;
    private final Duration lifetime;

    /**
     * @param secret   at least {@value #MIN_SECRET_BYTES} bytes; copied
     * @param lifetime how long an issued token is accepted; positive
     */
    public Hs256AccessTokens(byte[] secret, Duration lifetime) {
        if (secret == null || secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("JWT secret must be at least " + MIN_SECRET_BYTES + " bytes");
        }
        if (lifetime == null || lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("token lifetime must be positive, was " + lifetime);
        }
        this.key = new SecretKeySpec(secret.clone(), MAC_ALGORITHM);
        this.lifetime = lifetime;
    }

    /** With a random secret of its own: tokens are valid only for this object, so only for this process. */
    public static Hs256AccessTokens withRandomSecret(Duration lifetime) {
        byte[] secret = new byte[MIN_SECRET_BYTES];
        new SecureRandom().nextBytes(secret);
        return new Hs256AccessTokens(secret, lifetime);
    }

    @Override
    public AccessToken issue(UserId user, SessionId session, Instant issuedAt) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Instant expiresAt = issuedAt.plus(lifetime);
        // JWT times are whole seconds; the token says the truncated instants, as java-jwt's do
        String claims = "{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + user.value() + "\",\"sid\":\"" + session.value() + "\",\"iat\":"
                + issuedAt.getEpochSecond() + ",\"exp\":" + expiresAt.getEpochSecond() + "}";
        String signingInput = ENCODED_HEADER + "." + ENCODER.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        String token = signingInput + "." + ENCODER.encodeToString(sign(signingInput));
        return new AccessToken(token, issuedAt, expiresAt);
    }

    @Override
    public Optional<Grant> verify(String token, Instant now) {
        Objects.requireNonNull(now, "now");
        if (token == null) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            Optional<Map<String, Object>> header = FlatJson.parse(decode(parts[0]));
            if (header.isEmpty() || !"HS256".equals(header.get().get("alg"))) {
                return Optional.empty();
            }
            byte[] signature = DECODER.decode(parts[2]);
            if (!MessageDigest.isEqual(sign(parts[0] + "." + parts[1]), signature)) {
                return Optional.empty();
            }
            return FlatJson.parse(decode(parts[1])).flatMap(claims -> grant(claims, now));
        } catch (IllegalArgumentException e) {
            // not Base64url, or not UTF-8 JSON: not one of our tokens
            return Optional.empty();
        }
    }

    private static Optional<Grant> grant(Map<String, Object> claims, Instant now) {
        if (!ISSUER.equals(claims.get("iss")) || !(claims.get("exp") instanceof BigDecimal exp)
                || !(claims.get("sub") instanceof String subject) || !(claims.get("sid") instanceof String sessionId)) {
            return Optional.empty();
        }
        try {
            Instant expiresAt = Instant.ofEpochSecond(exp.longValueExact());
            if (!now.isBefore(expiresAt)) {
                return Optional.empty();
            }
            return Optional.of(new Grant(UserId.of(Long.parseLong(subject)), SessionId.of(Long.parseLong(sessionId)), expiresAt));
        } catch (ArithmeticException | java.time.DateTimeException | NumberFormatException | InvalidValueException e) {
            // a fractional or huge expiry, or a subject that is not a user id
            return Optional.empty();
        }
    }

    private static String decode(String part) {
        byte[] bytes = DECODER.decode(part);
        var decoder = StandardCharsets.UTF_8.newDecoder();
        try {
            return decoder.decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalArgumentException("not UTF-8", e);
        }
    }

    private byte[] sign(String signingInput) {
        try {
            Mac mac = Mac.getInstance(MAC_ALGORITHM);
            mac.init(key);
            return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            // every Java SE runtime must provide HmacSHA256
            throw new IllegalStateException(MAC_ALGORITHM + " is not available in this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "Hs256AccessTokens[lifetime=" + lifetime + "]";
    }
}
