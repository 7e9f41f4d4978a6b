package io.chatplatform.application.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatplatform.application.port.out.AccessTokens.AccessToken;
import io.chatplatform.application.port.out.AccessTokens.Grant;
import io.chatplatform.domain.session.SessionId;
import io.chatplatform.domain.user.UserId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Hs256AccessTokens")
class Hs256AccessTokensTest {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00.750Z");
    private static final UserId ALICE = UserId.of(42);
    private static final SessionId SESSION = SessionId.of(7);

    private final Hs256AccessTokens tokens = new Hs256AccessTokens(SECRET, Duration.ofMinutes(60));

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** A token with this header and these claims, signed with {@code secret}. */
    private static String signed(String header, String claims, byte[] secret) throws Exception {
        String input = b64(header) + "." + b64(claims);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String claims(String sub, long exp) {
        return "{\"iss\":\"chat-platform\",\"sub\":\"" + sub + "\",\"sid\":\"7\",\"iat\":" + T0.getEpochSecond() + ",\"exp\":" + exp + "}";
    }

    @Test
    @DisplayName("issues a JWT with the service's claims, accepted until it expires")
    void round_trip() {
        AccessToken token = tokens.issue(ALICE, SESSION, T0);

        String[] parts = token.value().split("\\.");
        assertThat(parts).hasSize(3);
        assertThat(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8))
                .isEqualTo("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        assertThat(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8))
                .isEqualTo(claims("42", T0.plusSeconds(3600).getEpochSecond()));
        assertThat(token.issuedAt()).isEqualTo(T0);
        assertThat(token.expiresAt()).isEqualTo(T0.plus(Duration.ofMinutes(60)));
        Instant exp = Instant.ofEpochSecond(T0.plusSeconds(3600).getEpochSecond());
        assertThat(tokens.verify(token.value(), T0)).contains(new Grant(ALICE, SESSION, exp));
        assertThat(tokens.verify(token.value(), exp.minusMillis(1))).isPresent();
        assertThat(tokens.verify(token.value(), exp)).as("at its expiry").isEmpty();
        assertThat(tokens.verify(token.value(), exp.plusSeconds(1))).isEmpty();
        assertThat(tokens).hasToString("Hs256AccessTokens[lifetime=PT1H]");
    }

    @Test
    @DisplayName("refuses a token signed with another secret, or tampered with")
    void wrong_secret_and_tampering() throws Exception {
        String token = tokens.issue(ALICE, SESSION, T0).value();
        var other = new Hs256AccessTokens("another secret, also 32 bytes long!".getBytes(StandardCharsets.UTF_8),
                Duration.ofMinutes(60));
        String[] parts = token.split("\\.");
        String otherUser = parts[0] + "." + b64(claims("43", T0.plusSeconds(3600).getEpochSecond())) + "." + parts[2];
        char last = parts[2].charAt(0);
        String badSignature = parts[0] + "." + parts[1] + "." + (last == 'A' ? 'B' : 'A') + parts[2].substring(1);

        assertThat(other.verify(token, T0)).isEmpty();
        assertThat(tokens.verify(otherUser, T0)).isEmpty();
        assertThat(tokens.verify(badSignature, T0)).isEmpty();
        assertThat(tokens.verify(parts[0] + "." + parts[1] + ".", T0)).isEmpty();
    }

    @Test
    @DisplayName("refuses every algorithm but HS256, 'none' included, even with a correct HS256 signature")
    void pinned_algorithm() throws Exception {
        String claims = claims("42", T0.plusSeconds(60).getEpochSecond());
        String none = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64(claims) + ".";

        assertThat(tokens.verify(none, T0)).isEmpty();
        assertThat(tokens.verify(signed("{\"alg\":\"HS512\"}", claims, SECRET), T0)).isEmpty();
        assertThat(tokens.verify(signed("{\"typ\":\"JWT\"}", claims, SECRET), T0)).isEmpty();
        assertThat(tokens.verify(signed("{\"alg\":\"HS256\"}", claims, SECRET), T0)).as("the same header, minimal").isPresent();
    }

    @Test
    @DisplayName("needs the issuer, a whole-second expiry and a user id, all correctly signed")
    void required_claims() throws Exception {
        String header = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
        long exp = T0.plusSeconds(60).getEpochSecond();

        assertThat(tokens.verify(signed(header, "{\"iss\":\"someone-else\",\"sub\":\"42\",\"exp\":" + exp + "}", SECRET), T0)).isEmpty();
        // a token without a session (as issued before sessions existed), or with a session that is no id
        assertThat(tokens.verify(signed(header, "{\"iss\":\"chat-platform\",\"sub\":\"42\",\"exp\":" + exp + "}", SECRET), T0)).isEmpty();
        assertThat(tokens.verify(signed(header, "{\"iss\":\"chat-platform\",\"sub\":\"42\",\"sid\":7,\"exp\":" + exp + "}", SECRET), T0)).isEmpty();
        assertThat(tokens.verify(signed(header, "{\"iss\":\"chat-platform\",\"sub\":\"42\",\"sid\":\"x\",\"exp\":" + exp + "}", SECRET), T0)).isEmpty();
        assertThat(tokens.verify(signed(header, "{\"iss\":\"chat-platform\",\"sub\":\"42\",\"sid\":\"0\",\"exp\":" + exp + "}", SECRET), T0)).isEmpty();
        assertThat(tokens.verify(signed(header, "{\"iss\":\"chat-platform\",\"sub\":\"42\",\"sid\":\"7\",\"exp\":" + exp + "}", SECRET), T0))
                .contains(new Grant(ALICE, SESSION, Instant.ofEpochSecond(exp)));
        assertThat(tokens.verify(signed(header, "{\"iss\":\"chat-platform\",\"sub\":\"42\"}", SECRET), T0)).isEmpty();
        assertThat(tokens.verify(signed(header, "{\"iss\":\"chat-platform\",\"exp\":" + exp + "}", SECRET), T0)).isEmpty();
        assertThat(tokens.verify(signed(header, "{\"iss\":\"chat-platform\",\"sub\":42,\"exp\":" + exp + "}", SECRET), T0)).isEmpty();
        assertThat(tokens.verify(signed(header, "{\"iss\":\"chat-platform\",\"sub\":\"42\",\"exp\":\"" + exp + "\"}", SECRET), T0)).isEmpty();
        assertThat(tokens.verify(signed(header, "{\"iss\":\"chat-platform\",\"sub\":\"42\",\"exp\":" + exp + ".5}", SECRET), T0)).isEmpty();
        assertThat(tokens.verify(signed(header, "{\"iss\":\"chat-platform\",\"sub\":\"42\",\"exp\":1e400}", SECRET), T0)).isEmpty();
        assertThat(tokens.verify(signed(header, claims("alice", exp), SECRET), T0)).isEmpty();
        assertThat(tokens.verify(signed(header, claims("0", exp), SECRET), T0)).isEmpty();
        assertThat(tokens.verify(signed(header, claims("-1", exp), SECRET), T0)).isEmpty();
        // other members, escapes and white space are fine
        assertThat(tokens.verify(signed(header, "{ \"iss\" : \"chat\\u002dplatform\", \"sub\":\"42\", \"exp\": " + exp
                + ", \"extra\": [1] }", SECRET), T0)).as("an array is not a flat claim").isEmpty();
        assertThat(tokens.verify(signed(header, "{ \"iss\" : \"chat\\u002dplatform\", \"sub\":\"42\", \"sid\": \"7\", \"exp\": " + exp
                + ", \"n\": null, \"b\": true, \"f\": -1.5e3, \"s\": \"a\\\"\\\\\\/\\b\\f\\n\\r\\t\" }", SECRET), T0))
                .contains(new Grant(ALICE, SESSION, Instant.ofEpochSecond(exp)));
    }

    @Test
    @DisplayName("refuses malformed tokens without throwing")
    void malformed() throws Exception {
        String header = "{\"alg\":\"HS256\"}";
        long exp = T0.plusSeconds(60).getEpochSecond();
        for (String token : new String[] {"", "abc", "a.b", "a.b.c.d", "!!!.???.***", "..", "eyJhbGciOiJIUzI1NiJ9..",
                b64("not json") + "." + b64("{}") + ".c2ln"}) {
            assertThat(tokens.verify(token, T0)).as(token).isEmpty();
        }
        assertThat(tokens.verify(null, T0)).isEmpty();
        for (String claims : new String[] {"not json", "{", "{}", "{\"iss\":}", "{\"iss\":\"chat-platform\",}",
                "{\"iss\":\"chat-platform\"} trailing", "{\"iss\":\"a\",\"iss\":\"b\"}", "{\"s\":\"\\x\"}",
                "{\"s\":\"\\u12\"}", "{\"s\":\"tab\there\"}", "{\"n\":-}", "{\"n\":1.}", "{\"n\":1e}", "{\"s\":\"open",
                "{\"a\" \"b\"}", "{\"a\":1 \"b\":2}", "[]", "{\"a\":{}}", "\"iss\""}) {
            assertThat(tokens.verify(signed(header, claims, SECRET), T0)).as(claims).isEmpty();
        }
        byte[] notUtf8 = {(byte) 0xC3, (byte) 0x28};
        String bad = Base64.getUrlEncoder().withoutPadding().encodeToString(notUtf8);
        assertThat(tokens.verify(bad + "." + b64(claims("42", exp)) + ".c2ln", T0)).isEmpty();
        assertThat(tokens.verify(signed(header, "{}", SECRET), T0)).isEqualTo(Optional.empty());
    }

    @Test
    @DisplayName("tokens of two issuers with random secrets are foreign to each other")
    void random_secrets() {
        var first = Hs256AccessTokens.withRandomSecret(Duration.ofMinutes(5));
        var second = Hs256AccessTokens.withRandomSecret(Duration.ofMinutes(5));
        String token = first.issue(ALICE, SESSION, T0).value();

        assertThat(first.verify(token, T0)).isPresent();
        assertThat(second.verify(token, T0)).isEmpty();
    }

    @Test
    @DisplayName("needs a secret of 32 bytes or more and a positive lifetime")
    void configuration() {
        assertThatThrownBy(() -> new Hs256AccessTokens(new byte[31], Duration.ofMinutes(1))).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new Hs256AccessTokens(null, Duration.ofMinutes(1))).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new Hs256AccessTokens(SECRET, Duration.ZERO)).hasMessageContaining("positive");
        assertThatThrownBy(() -> new Hs256AccessTokens(SECRET, Duration.ofSeconds(-1))).hasMessageContaining("positive");
        assertThatThrownBy(() -> new Hs256AccessTokens(SECRET, null)).hasMessageContaining("positive");
    }
}
