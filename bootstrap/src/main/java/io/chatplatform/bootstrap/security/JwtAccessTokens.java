package io.chatplatform.bootstrap.security;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import io.chatplatform.application.port.out.AccessTokens;
import io.chatplatform.domain.InvalidValueException;
import io.chatplatform.domain.user.UserId;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * JSON Web Tokens signed with HMAC-SHA256 (java-jwt). The algorithm is pinned: a token whose
 * header names any other algorithm, {@code none} included, is rejected before its signature is
 * looked at. Claims: {@code sub} (the user id), {@code iat}, {@code exp} and {@code iss}.
 */
public final class JwtAccessTokens implements AccessTokens {

    /** HS256 needs a key at least as long as its output: 256 bits. */
    public static final int MIN_SECRET_BYTES = 32;
    static final String ISSUER = "chat-platform";

    private final Algorithm algorithm;
    private final Duration lifetime;

    public JwtAccessTokens(byte[] secret, Duration lifetime) {
        if (secret == null || secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("JWT secret must be at least " + MIN_SECRET_BYTES + " bytes");
        }
        if (lifetime == null || lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("token lifetime must be positive, was " + lifetime);
        }
        this.algorithm = Algorithm.HMAC256(secret.clone());
        this.lifetime = lifetime;
    }

    public JwtAccessTokens(String secret, Duration lifetime) {
        this(secret == null ? null : secret.getBytes(StandardCharsets.UTF_8), lifetime);
    }

    @Override
    public AccessToken issue(UserId user, Instant issuedAt) {
        Instant expiresAt = issuedAt.plus(lifetime);
        String token = JWT.create()
                .withIssuer(ISSUER)
                .withSubject(Long.toString(user.value()))
                .withIssuedAt(issuedAt)
                .withExpiresAt(expiresAt)
                .sign(algorithm);
        return new AccessToken(token, issuedAt, expiresAt);
    }

    @Override
    public Optional<Grant> verify(String token, Instant now) {
        try {
            // a verifier per call, so that expiry is judged at the caller's "now" (cheap: no crypto setup)
            JWTVerifier verifier = ((JWTVerifier.BaseVerification) JWT.require(algorithm)
                    .withIssuer(ISSUER)
                    .withClaimPresence("exp")
                    .withClaimPresence("sub"))
                    .build(Clock.fixed(now, ZoneOffset.UTC));
            DecodedJWT jwt = verifier.verify(token);
            return Optional.of(new Grant(UserId.of(Long.parseLong(jwt.getSubject())), jwt.getExpiresAtAsInstant()));
        } catch (JWTVerificationException | NumberFormatException | InvalidValueException e) {
            return Optional.empty();
        }
    }
}
