package io.chatplatform.bootstrap.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatplatform.application.port.out.AccessTokens.Grant;
import io.chatplatform.application.security.Hs256AccessTokens;
import io.chatplatform.domain.session.SessionId;
import io.chatplatform.domain.user.UserId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The JDK-only issuer an embedder gets and the service's java-jwt issuer make the same tokens. */
@DisplayName("Hs256AccessTokens (chat-ports) and JwtAccessTokens (java-jwt) accept each other's tokens")
class TokenCompatibilityTest {

    private static final String SECRET = "a-test-secret-that-is-long-enough-for-hs256";
    /** In the past: java-jwt refuses a token whose iat is after the real clock's now. */
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00.250Z");

    private final JwtAccessTokens service = new JwtAccessTokens(SECRET, Duration.ofMinutes(60));
    private final Hs256AccessTokens library = new Hs256AccessTokens(SECRET.getBytes(StandardCharsets.UTF_8), Duration.ofMinutes(60));
    private final Hs256AccessTokens otherSecret = new Hs256AccessTokens(
            "another-secret-that-is-long-enough-for-hs256".getBytes(StandardCharsets.UTF_8), Duration.ofMinutes(60));

    @Test
    @DisplayName("with the same secret, each verifies the other's token to the same grant (user and session), until the same second")
    void same_tokens() {
        String fromService = service.issue(UserId.of(42), SessionId.of(9), NOW).value();
        String fromLibrary = library.issue(UserId.of(42), SessionId.of(9), NOW).value();
        Grant expected = new Grant(UserId.of(42), SessionId.of(9), Instant.parse("2026-11-27T13:00:00Z"));

        assertThat(library.verify(fromService, NOW)).contains(expected);
        assertThat(service.verify(fromLibrary, NOW)).contains(expected);
        assertThat(library.verify(fromService, expected.expiresAt())).isEmpty();
        assertThat(service.verify(fromLibrary, expected.expiresAt())).isEmpty();
        assertThat(otherSecret.verify(fromService, NOW)).isEmpty();
    }
}
