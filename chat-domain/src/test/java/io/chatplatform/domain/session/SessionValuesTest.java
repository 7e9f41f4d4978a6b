package io.chatplatform.domain.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatplatform.domain.Ids;
import io.chatplatform.domain.InvalidValueException;
import io.chatplatform.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SessionValuesTest {

    private static final UserId ALICE = UserId.of(42);
    private static final SessionId SESSION = SessionId.of(7);
    /** Bytes 0 to 31, in unpadded base64url. */
    private static final String SECRET = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8";
    private static final Instant AT = Instant.parse("2026-12-06T10:00:00Z");

    private static byte[] bytes0to31() {
        byte[] bytes = new byte[32];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }

    @Nested
    @DisplayName("RefreshToken")
    class RefreshTokens {

        @Test
        @DisplayName("is formatted rt1.<user>.<session>.<secret> and parses back to itself")
        void format_and_parse() {
            RefreshToken token = RefreshToken.of(ALICE, SESSION, bytes0to31());

            assertThat(token.secret()).isEqualTo(SECRET);
            assertThat(token.value()).isEqualTo("rt1.42.7." + SECRET);
            assertThat(RefreshToken.parse(token.value())).contains(token);
            assertThat(token.toString()).doesNotContain(SECRET).contains("user=42", "session=7");
        }

        @Test
        @DisplayName("stores the SHA-256 of the secret as lower-case hex, never the secret")
        void hash() {
            RefreshToken token = RefreshToken.of(ALICE, SESSION, bytes0to31());

            // sha256("AAECAwQF...Hh8"), computed outside Java
            assertThat(token.hash()).isEqualTo(new RefreshTokenHash("ea866a757e4c38babfa8127cbe9a409d3e1f93a00ff1488ff735fcf917afffd0"));
            assertThat(token.hash().toString()).isEqualTo("RefreshTokenHash[ea866a75...]");
            // the ids are not part of the hash: only the secret proves anything
            assertThat(new RefreshToken(UserId.of(1), SessionId.of(1), SECRET).hash()).isEqualTo(token.hash());
            byte[] other = bytes0to31();
            other[31] = 32;
            assertThat(RefreshToken.of(ALICE, SESSION, other).hash()).isNotEqualTo(token.hash());
        }

        @Test
        @DisplayName("parses nothing that is not exactly a token: wrong prefix, missing or extra parts, bad characters, padding")
        void malformed() {
            for (String presented : new String[] {"", " ", "rt1", "rt1.42.7", "rt1.42.7.", "rt2.42.7." + SECRET,
                    "RT1.42.7." + SECRET, "rt1.42.7." + SECRET + "=", "rt1.42.7." + SECRET + "A",
                    "rt1.42.7." + SECRET.substring(1), "rt1.42.7." + SECRET.replace('A', '+'),
                    "rt1.42.7." + SECRET.replace('A', '/'), "rt1.42.7." + SECRET.replace('A', '.'),
                    "rt1.042.7." + SECRET, "rt1.42.07." + SECRET, "rt1.0.7." + SECRET, "rt1.42.0." + SECRET,
                    "rt1.-42.7." + SECRET, "rt1.+42.7." + SECRET, "rt1.x.7." + SECRET, "rt1.42.7." + SECRET + "\n",
                    " rt1.42.7." + SECRET, "rt1..42.7." + SECRET, "rt1.42.7.8." + SECRET, "Bearer rt1.42.7." + SECRET,
                    "rt1.٤٢.7." + SECRET}) {
                assertThat(RefreshToken.parse(presented)).as(presented).isEmpty();
            }
            assertThat(RefreshToken.parse(null)).isEmpty();
            assertThat(RefreshToken.parse("rt1.42.7." + SECRET + "x".repeat(10_000))).isEmpty();
        }

        @Test
        @DisplayName("refuses ids that are no ids: beyond 2^53, beyond 16 digits, beyond a long")
        void huge_ids() {
            long largest = Ids.MAX_JSON_SAFE;
            assertThat(RefreshToken.parse("rt1." + largest + "." + largest + "." + SECRET))
                    .hasValueSatisfying(token -> assertThat(token.user()).isEqualTo(UserId.of(largest)));
            assertThat(RefreshToken.parse("rt1." + (largest + 1) + ".7." + SECRET)).isEmpty();
            assertThat(RefreshToken.parse("rt1.42." + (largest + 1) + "." + SECRET)).isEmpty();
            assertThat(RefreshToken.parse("rt1.9999999999999999.7." + SECRET)).isEmpty();
            assertThat(RefreshToken.parse("rt1.99999999999999999.7." + SECRET)).as("17 digits").isEmpty();
            assertThat(RefreshToken.parse("rt1.99999999999999999999999.7." + SECRET)).as("beyond a long").isEmpty();
        }

        @Test
        @DisplayName("a forged token parses (it is well-formed) but hashes to something else than the genuine one")
        void forged() {
            RefreshToken genuine = RefreshToken.of(ALICE, SESSION, bytes0to31());
            String forged = "rt1.42.7." + "B" + SECRET.substring(1);

            assertThat(RefreshToken.parse(forged)).hasValueSatisfying(token -> {
                assertThat(token.session()).isEqualTo(SESSION);
                assertThat(token.hash()).isNotEqualTo(genuine.hash());
            });
        }

        @Test
        @DisplayName("is made of exactly 32 random bytes and a 43-character secret")
        void invariants() {
            assertThatThrownBy(() -> RefreshToken.of(ALICE, SESSION, new byte[31])).hasMessageContaining("32 random bytes");
            assertThatThrownBy(() -> RefreshToken.of(ALICE, SESSION, new byte[33])).hasMessageContaining("32 random bytes");
            assertThatThrownBy(() -> new RefreshToken(ALICE, SESSION, "short")).hasMessageContaining("43 base64url");
            assertThatThrownBy(() -> new RefreshToken(null, SESSION, SECRET)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> new RefreshToken(ALICE, null, SECRET)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> new RefreshToken(ALICE, SESSION, null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> new RefreshTokenHash("EA866A757E4C38BABFA8127CBE9A409D3E1F93A00FF1488FF735FCF917AFFFD0"))
                    .isInstanceOf(InvalidValueException.class);
            assertThatThrownBy(() -> new RefreshTokenHash("ea86")).isInstanceOf(InvalidValueException.class);
            assertThatThrownBy(() -> new RefreshTokenHash(null)).isInstanceOf(NullPointerException.class);
        }
    }

    @Nested
    @DisplayName("SessionPolicy")
    class Policies {

        @Test
        @DisplayName("a spent token presented again within the grace is a duplicate; at or after its end, a theft")
        void theft() {
            SessionPolicy policy = SessionPolicy.DEFAULT;
            assertThat(policy.reuseGrace()).isEqualTo(Duration.ofSeconds(5));

            assertThat(policy.isTheft(AT, AT)).isFalse();
            assertThat(policy.isTheft(AT, AT.plusMillis(4_999))).isFalse();
            assertThat(policy.isTheft(AT, AT.plusSeconds(5))).isTrue();
            assertThat(policy.isTheft(AT, AT.plus(Duration.ofDays(1)))).isTrue();
            // a clock that went back a little (another instance's) is no theft
            assertThat(policy.isTheft(AT, AT.minusSeconds(1))).isFalse();
            assertThat(policy.withReuseGrace(Duration.ZERO).isTheft(AT, AT)).as("no grace: every reuse is theft").isTrue();
        }

        @Test
        @DisplayName("lifetimes: 15 minutes, 30 days; refresh tokens outlive access tokens; the grace is at most a minute")
        void lifetimes() {
            SessionPolicy policy = SessionPolicy.DEFAULT;
            assertThat(policy.accessTokenTtl()).isEqualTo(Duration.ofMinutes(15));
            assertThat(policy.refreshExpiry(AT)).isEqualTo(AT.plus(Duration.ofDays(30)));
            assertThat(policy.withAccessTokenTtl(Duration.ofMinutes(1)).accessTokenTtl()).isEqualTo(Duration.ofMinutes(1));
            assertThat(policy.withRefreshTokenTtl(Duration.ofHours(1)).refreshExpiry(AT)).isEqualTo(AT.plusSeconds(3600));
            assertThatThrownBy(() -> policy.withAccessTokenTtl(Duration.ZERO)).hasMessageContaining("must live");
            assertThatThrownBy(() -> policy.withRefreshTokenTtl(Duration.ofMinutes(15))).hasMessageContaining("outlive");
            assertThatThrownBy(() -> policy.withReuseGrace(Duration.ofSeconds(61))).hasMessageContaining("reuse grace");
            assertThatThrownBy(() -> policy.withReuseGrace(Duration.ofSeconds(-1))).hasMessageContaining("reuse grace");
        }
    }

    @Nested
    @DisplayName("UserAgent")
    class UserAgents {

        @Test
        @DisplayName("keeps what the client sent, without control characters and surrounding blanks")
        void from_header() {
            assertThat(UserAgent.fromHeader("Mozilla/5.0 (X11; Linux)")).contains(new UserAgent("Mozilla/5.0 (X11; Linux)"));
            assertThat(UserAgent.fromHeader("  curl/8.5\r\n\t\u0000x ")).contains(new UserAgent("curl/8.5x"));
            assertThat(UserAgent.fromHeader("Ünïcödé 😀")).contains(new UserAgent("Ünïcödé 😀"));
        }

        @Test
        @DisplayName("is empty when nothing printable was sent")
        void nothing() {
            assertThat(UserAgent.fromHeader(null)).isEmpty();
            assertThat(UserAgent.fromHeader("")).isEmpty();
            assertThat(UserAgent.fromHeader(" \t\r\n\u0000\u007f ")).isEmpty();
        }

        @Test
        @DisplayName("is cut to 256 characters, never in the middle of a surrogate pair")
        void cut() {
            assertThat(UserAgent.fromHeader("a".repeat(10_000))).contains(new UserAgent("a".repeat(256)));
            String emojiAcrossTheEnd = "a".repeat(255) + "😀" + "b";
            assertThat(UserAgent.fromHeader(emojiAcrossTheEnd)).contains(new UserAgent("a".repeat(255)));
            String emojiAtTheEnd = "a".repeat(254) + "😀" + "b";
            assertThat(UserAgent.fromHeader(emojiAtTheEnd)).contains(new UserAgent("a".repeat(254) + "😀"));
        }

        @Test
        @DisplayName("as a value, is 1 to 256 printable characters")
        void invariants() {
            assertThatThrownBy(() -> new UserAgent(" ")).hasMessageContaining("printable");
            assertThatThrownBy(() -> new UserAgent("a\nb")).hasMessageContaining("printable");
            assertThatThrownBy(() -> new UserAgent("a".repeat(257))).hasMessageContaining("printable");
            assertThatThrownBy(() -> new UserAgent(null)).isInstanceOf(NullPointerException.class);
        }
    }

    @Test
    @DisplayName("a session is refreshable until its refresh expiry, and never used before it was created")
    void sessions() {
        Session session = new Session(SESSION, ALICE, AT, AT.plusSeconds(60), Optional.empty(), AT.plusSeconds(3600));
        assertThat(session.refreshableAt(AT.plusSeconds(3599))).isTrue();
        assertThat(session.refreshableAt(AT.plusSeconds(3600))).isFalse();
        assertThatThrownBy(() -> new Session(SESSION, ALICE, AT, AT.minusMillis(1), Optional.empty(), AT))
                .hasMessageContaining("before it was created");
        assertThatThrownBy(() -> SessionId.of(0)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> SessionId.of(Ids.MAX_JSON_SAFE + 1)).isInstanceOf(InvalidValueException.class);
        assertThat(SessionId.of(9)).hasToString("9");
    }
}
