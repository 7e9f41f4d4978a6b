package io.chatplatform.bootstrap.security;

import com.auth0.jwt.JWT;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import io.chatplatform.application.port.out.AccessTokens;
import io.chatplatform.domain.InvalidValueException;
import io.chatplatform.domain.session.SessionId;
import io.chatplatform.domain.user.UserId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * JSON Web Tokens signed with HMAC-SHA256 (java-jwt). The algorithm is pinned: a token whose
 * header names any other algorithm, {@code none} included, is rejected before its signature is
 * looked at. Claims: {@code sub} (the user id), {@code sid} (the session id), {@code iat},
 * {@code exp} and {@code iss}. Both ids are strings of digits, as {@code sub} must be a string.
 *
 * <p>A token without a {@code sid} (issued before sessions existed) is refused: whether its
 * session still stands could not be asked, so it could not be revoked.
 */
public final class JwtAccessTokens implements AccessTokens {

    /** HS256 needs a key at least as long as its output: 256 bits. */
    public static final int MIN_SECRET_BYTES = 32;
    static final String ISSUER = "chat-platform";
    static final String SESSION_CLAIM = "sid";

    /** The library's own expiry check is switched off (a century of leeway): expiry is judged at the caller's "now". */
    private static final long NO_LIBRARY_EXPIRY_CHECK = Duration.ofDays(36_500).toSeconds();

    private final Algorithm algorithm;
    private final Duration lifetime;
    private final JWTVerifier verifier;
    /**
     * Tokens already verified, with what they proved: a client presents the same token on every
     * request for its lifetime, and the signature check and JSON parsing were a tenth of a cached
     * read. The expiry is still judged at every call.
     */
    private final Cache<String, Grant> verified = Caffeine.newBuilder().maximumSize(20_000).build();

    public JwtAccessTokens(byte[] secret, Duration lifetime) {
        if (secret == null || secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("JWT secret must be at least " + MIN_SECRET_BYTES + " bytes");
        }
        if (lifetime == null || lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("token lifetime must be positive, was " + lifetime);
        }
        this.algorithm = Algorithm.HMAC256(secret.clone());
        this.lifetime = lifetime;
        // built once: verifying runs on every authenticated request
        this.verifier = JWT.require(algorithm)
                .withIssuer(ISSUER)
                .withClaimPresence("exp")
                .withClaimPresence("sub")
                .withClaimPresence(SESSION_CLAIM)
                .acceptExpiresAt(NO_LIBRARY_EXPIRY_CHECK)
                .build();
    }

    public JwtAccessTokens(String secret, Duration lifetime) {
        this(secret == null ? null : secret.getBytes(StandardCharsets.UTF_8), lifetime);
    }

    @Override
    public AccessToken issue(UserId user, SessionId session, Instant issuedAt) {
        Instant expiresAt = issuedAt.plus(lifetime);
        String token = JWT.create()
                .withIssuer(ISSUER)
                .withSubject(Long.toString(user.value()))
                .withClaim(SESSION_CLAIM, Long.toString(session.value()))
                .withIssuedAt(issuedAt)
                .withExpiresAt(expiresAt)
                .sign(algorithm);
        return new AccessToken(token, issuedAt, expiresAt);
    }

    @Override
    public Optional<Grant> verify(String token, Instant now) {
        Grant known = verified.getIfPresent(token);
        if (known != null) {
            return now.isBefore(known.expiresAt()) ? Optional.of(known) : Optional.empty();
        }
        try {
            DecodedJWT jwt = verifier.verify(token);
            Instant expiresAt = jwt.getExpiresAtAsInstant();
            if (!now.isBefore(expiresAt)) {
                return Optional.empty();
            }
            // asString() is null for a sid that is not a string: parseLong refuses it as it refuses text
            Grant grant = new Grant(UserId.of(Long.parseLong(jwt.getSubject())),
                    SessionId.of(Long.parseLong(jwt.getClaim(SESSION_CLAIM).asString())), expiresAt);
            verified.put(token, grant);
            return Optional.of(grant);
        } catch (JWTVerificationException | NumberFormatException | InvalidValueException e) {
            return Optional.empty();
        }
    }
}
