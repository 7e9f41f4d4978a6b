package io.chatplatform.application.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatplatform.domain.user.Password;
import io.chatplatform.domain.user.PasswordAttempt;
import io.chatplatform.domain.user.PasswordHash;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Pbkdf2PasswordHasher")
class Pbkdf2PasswordHasherTest {

    /** Few iterations, so the tests are fast; the format and the checks are the same. */
    private final Pbkdf2PasswordHasher hasher = new Pbkdf2PasswordHasher(1_000);

    @Test
    @DisplayName("by default hashes with OWASP's 600,000 iterations and writes the count into the hash")
    void owasp_iterations_by_default() {
        Pbkdf2PasswordHasher real = new Pbkdf2PasswordHasher();

        PasswordHash hash = real.hash(Password.of("correct horse"));

        assertThat(real.iterations()).isEqualTo(600_000);
        assertThat(hash.value()).startsWith("pbkdf2-sha256$600000$");
        assertThat(real.matches(PasswordAttempt.of("correct horse"), hash)).isTrue();
        assertThat(real).hasToString("Pbkdf2PasswordHasher[pbkdf2-sha256, 600000 iterations]");
    }

    @Test
    @DisplayName("accepts the password and nothing else")
    void matches_only_the_password() {
        PasswordHash hash = hasher.hash(Password.of("password123"));

        assertThat(hasher.matches(PasswordAttempt.of("password123"), hash)).isTrue();
        assertThat(hasher.matches(PasswordAttempt.of("password124"), hash)).isFalse();
        assertThat(hasher.matches(PasswordAttempt.of("Password123"), hash)).isFalse();
        assertThat(hash.value()).doesNotContain("password123");
    }

    @Test
    @DisplayName("salts every hash: one password hashed twice gives two hashes, both accepted")
    void salted() {
        PasswordHash first = hasher.hash(Password.of("same password"));
        PasswordHash second = hasher.hash(Password.of("same password"));

        assertThat(first).isNotEqualTo(second);
        assertThat(hasher.matches(PasswordAttempt.of("same password"), first)).isTrue();
        assertThat(hasher.matches(PasswordAttempt.of("same password"), second)).isTrue();
    }

    @Test
    @DisplayName("checks a hash with the count written in it, so raising the count keeps old hashes valid")
    void upgradable() {
        PasswordHash old = new Pbkdf2PasswordHasher(500).hash(Password.of("päßwörd 😀"));

        assertThat(old.value()).startsWith("pbkdf2-sha256$500$");
        assertThat(hasher.matches(PasswordAttempt.of("päßwörd 😀"), old)).isTrue();
    }

    @Test
    @DisplayName("never matches, and never throws for, a foreign or damaged hash")
    void foreign_hashes() {
        PasswordHash good = hasher.hash(Password.of("password123"));
        String[] parts = good.value().split("\\$");
        String tamperedHash = parts[0] + "$" + parts[1] + "$" + parts[2] + "$" + flipFirst(parts[3]);
        String tamperedSalt = parts[0] + "$" + parts[1] + "$" + flipFirst(parts[2]) + "$" + parts[3];

        for (String foreign : new String[] {
                "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy",
                "pbkdf2-sha256$1000$only-three",
                "pbkdf2-sha1$1000$" + parts[2] + "$" + parts[3],
                "pbkdf2-sha256$lots$" + parts[2] + "$" + parts[3],
                "pbkdf2-sha256$0$" + parts[2] + "$" + parts[3],
                "pbkdf2-sha256$2000000000$" + parts[2] + "$" + parts[3],
                "pbkdf2-sha256$1000$!!!$" + parts[3],
                "pbkdf2-sha256$1000$$" + parts[3],
                "pbkdf2-sha256$1000$" + parts[2] + "$",
                "pbkdf2-sha256$999$" + parts[2] + "$" + parts[3],
                tamperedHash,
                tamperedSalt}) {
            assertThat(hasher.matches(PasswordAttempt.of("password123"), new PasswordHash(foreign))).as(foreign).isFalse();
        }
    }

    @Test
    @DisplayName("refuses an iteration count below 1")
    void bad_count() {
        assertThatThrownBy(() -> new Pbkdf2PasswordHasher(0)).hasMessageContaining("iterations must be between 1");
    }

    private static String flipFirst(String base64) {
        char first = base64.charAt(0);
        return (first == 'A' ? 'B' : 'A') + base64.substring(1);
    }
}
