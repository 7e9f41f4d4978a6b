package io.chatplatform.bootstrap.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import io.chatplatform.application.port.out.AccessTokens;
import io.chatplatform.domain.session.SessionId;
import io.chatplatform.domain.user.UserId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class JwtAccessTokensTest {

    private static final String SECRET = "a-test-secret-that-is-long-enough-for-hs256";
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private static final SessionId SESSION = SessionId.of(5);
    private final JwtAccessTokens tokens = new JwtAccessTokens(SECRET, Duration.ofMinutes(60));

    @Test
    @DisplayName("a token names its user and session until it expires, also once its verification is remembered")
    void round_trip_and_expiry() {
        var token = tokens.issue(UserId.of(42), SESSION, NOW);
        assertThat(token.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(60)));
        assertThat(tokens.verify(token.value(), NOW.plusSeconds(3599)))
                .contains(new AccessTokens.Grant(UserId.of(42), SESSION, NOW.plusSeconds(3600)));
        // the second verification is answered from the remembered grant: the same grant, the same expiry
        assertThat(tokens.verify(token.value(), NOW))
                .contains(new AccessTokens.Grant(UserId.of(42), SESSION, NOW.plusSeconds(3600)));
        assertThat(tokens.verify(token.value(), NOW.plusSeconds(3600))).isEmpty();
        assertThat(token.toString()).doesNotContain(token.value());
    }

    @Test
    @DisplayName("tokens of two sessions of one user name each its own session, the largest id too")
    void sessions_are_told_apart() {
        SessionId last = SessionId.of((1L << 53) - 1);
        var first = tokens.issue(UserId.of(42), SESSION, NOW);
        var second = tokens.issue(UserId.of(42), last, NOW);

        assertThat(first.value()).isNotEqualTo(second.value());
        assertThat(tokens.verify(first.value(), NOW).orElseThrow().session()).isEqualTo(SESSION);
        assertThat(tokens.verify(second.value(), NOW).orElseThrow().session()).isEqualTo(last);
    }

    @Test
    @DisplayName("the token carries sub, sid (a string, like sub), iat, exp and iss, signed with HS256")
    void claims() {
        var decoded = JWT.decode(tokens.issue(UserId.of(7), SESSION, NOW).value());
        assertThat(decoded.getAlgorithm()).isEqualTo("HS256");
        assertThat(decoded.getSubject()).isEqualTo("7");
        assertThat(decoded.getClaim("sid").asString()).isEqualTo("5");
        assertThat(decoded.getIssuedAtAsInstant()).isEqualTo(NOW);
        assertThat(decoded.getExpiresAtAsInstant()).isEqualTo(NOW.plusSeconds(3600));
        assertThat(decoded.getIssuer()).isEqualTo("chat-platform");
    }

    @Test
    @DisplayName("a token with alg none, another algorithm, another key or a changed payload is rejected")
    void forgeries() {
        String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String payload = b64("{\"sub\":\"1\",\"sid\":\"5\",\"iss\":\"chat-platform\",\"iat\":" + NOW.getEpochSecond()
                + ",\"exp\":" + NOW.plusSeconds(600).getEpochSecond() + "}");
        assertThat(tokens.verify(header + "." + payload + ".", NOW)).isEmpty();

        String hs512 = JWT.create().withIssuer("chat-platform").withSubject("1").withClaim("sid", "5").withIssuedAt(NOW)
                .withExpiresAt(NOW.plusSeconds(600)).sign(Algorithm.HMAC512(SECRET));
        assertThat(tokens.verify(hs512, NOW)).isEmpty();

        String otherKey = new JwtAccessTokens("another-secret-that-is-long-enough-for-hs256", Duration.ofMinutes(5))
                .issue(UserId.of(1), SESSION, NOW).value();
        assertThat(tokens.verify(otherKey, NOW)).isEmpty();

        String[] parts = tokens.issue(UserId.of(1), SESSION, NOW).value().split("\\.");
        String tampered = parts[0] + "." + b64("{\"sub\":\"2\",\"sid\":\"5\",\"iss\":\"chat-platform\",\"exp\":"
                + NOW.plusSeconds(600).getEpochSecond() + "}") + "." + parts[2];
        assertThat(tokens.verify(tampered, NOW)).isEmpty();
        assertThat(tokens.verify("not.a.token", NOW)).isEmpty();
        assertThat(tokens.verify("garbage", NOW)).isEmpty();
    }

    @Test
    @DisplayName("a token without a usable subject is rejected")
    void bad_subject() {
        String noUser = JWT.create().withIssuer("chat-platform").withSubject("zero").withClaim("sid", "5").withIssuedAt(NOW)
                .withExpiresAt(NOW.plusSeconds(600)).sign(Algorithm.HMAC256(SECRET));
        assertThat(tokens.verify(noUser, NOW)).isEmpty();
        String noExpiry = JWT.create().withIssuer("chat-platform").withSubject("1").withClaim("sid", "5")
                .sign(Algorithm.HMAC256(SECRET));
        assertThat(tokens.verify(noExpiry, NOW)).isEmpty();
    }

    @Test
    @DisplayName("a genuine token without a usable session is rejected: one issued before sessions existed, a sid that is no id or no string")
    void bad_session() {
        // exactly what the previous version issued: signed with the same key, valid in every other way
        String beforeSessions = JWT.create().withIssuer("chat-platform").withSubject("1").withIssuedAt(NOW)
                .withExpiresAt(NOW.plusSeconds(600)).sign(Algorithm.HMAC256(SECRET));
        assertThat(tokens.verify(beforeSessions, NOW)).isEmpty();
        assertThat(tokens.verify(beforeSessions, NOW)).as("refused again, not remembered").isEmpty();

        assertThat(tokens.verify(withSession("zero"), NOW)).isEmpty();
        assertThat(tokens.verify(withSession("0"), NOW)).isEmpty();
        assertThat(tokens.verify(withSession("-5"), NOW)).isEmpty();
        assertThat(tokens.verify(withSession(Long.toString(1L << 53)), NOW)).isEmpty();
        assertThat(tokens.verify(withSession(""), NOW)).isEmpty();
        String numeric = JWT.create().withIssuer("chat-platform").withSubject("1").withClaim("sid", 5L).withIssuedAt(NOW)
                .withExpiresAt(NOW.plusSeconds(600)).sign(Algorithm.HMAC256(SECRET));
        assertThat(tokens.verify(numeric, NOW)).isEmpty();
        String nullSession = JWT.create().withIssuer("chat-platform").withSubject("1").withNullClaim("sid").withIssuedAt(NOW)
                .withExpiresAt(NOW.plusSeconds(600)).sign(Algorithm.HMAC256(SECRET));
        assertThat(tokens.verify(nullSession, NOW)).isEmpty();
        // the same claims with a good sid are accepted: the refusals above are for the sid alone
        assertThat(tokens.verify(withSession("5"), NOW))
                .contains(new AccessTokens.Grant(UserId.of(1), SESSION, NOW.plusSeconds(600)));
    }

    private static String withSession(String sid) {
        return JWT.create().withIssuer("chat-platform").withSubject("1").withClaim("sid", sid).withIssuedAt(NOW)
                .withExpiresAt(NOW.plusSeconds(600)).sign(Algorithm.HMAC256(SECRET));
    }

    @Test
    @DisplayName("the secret must be at least 32 bytes and the lifetime positive")
    void construction_rules() {
        assertThatThrownBy(() -> new JwtAccessTokens("short", Duration.ofMinutes(1))).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new JwtAccessTokens((String) null, Duration.ofMinutes(1))).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new JwtAccessTokens(SECRET, Duration.ZERO)).hasMessageContaining("positive");
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
