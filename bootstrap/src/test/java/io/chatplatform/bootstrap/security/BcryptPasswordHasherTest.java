package io.chatplatform.bootstrap.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatplatform.domain.user.Password;
import io.chatplatform.domain.user.PasswordAttempt;
import io.chatplatform.domain.user.PasswordHash;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BcryptPasswordHasherTest {

    private final BcryptPasswordHasher hasher = new BcryptPasswordHasher(4);

    @Test
    @DisplayName("a hash is salted bcrypt at the configured cost and matches only its password")
    void hash_and_match() {
        PasswordHash first = hasher.hash(Password.of("correct horse"));
        PasswordHash second = hasher.hash(Password.of("correct horse"));
        assertThat(first.value()).startsWith("$2a$04$").isNotEqualTo(second.value());
        assertThat(hasher.matches(PasswordAttempt.of("correct horse"), first)).isTrue();
        assertThat(hasher.matches(PasswordAttempt.of("correct horsE"), first)).isFalse();
    }

    @Test
    @DisplayName("hashes written by passlib ($2b$) or PHP ($2y$) are accepted, so migrated accounts keep their passwords")
    void other_bcrypt_variants() {
        String a = hasher.hash(Password.of("migrated-pass")).value();
        assertThat(hasher.matches(PasswordAttempt.of("migrated-pass"), new PasswordHash("$2b$" + a.substring(4)))).isTrue();
        assertThat(hasher.matches(PasswordAttempt.of("migrated-pass"), new PasswordHash("$2y$" + a.substring(4)))).isTrue();
        assertThat(hasher.matches(PasswordAttempt.of("other-pass"), new PasswordHash("$2b$" + a.substring(4)))).isFalse();
    }

    @Test
    @DisplayName("a hash in a foreign format never matches and never throws")
    void foreign_format() {
        assertThat(hasher.matches(PasswordAttempt.of("x"), new PasswordHash("plaintext"))).isFalse();
        assertThat(hasher.matches(PasswordAttempt.of("x"), new PasswordHash("$argon2id$v=19$m=65536"))).isFalse();
    }

    @Test
    @DisplayName("the cost must be between 4 and 31")
    void cost_bounds() {
        assertThatThrownBy(() -> new BcryptPasswordHasher(3)).hasMessage("bcrypt cost must be between 4 and 31, was 3");
        assertThatThrownBy(() -> new BcryptPasswordHasher(32)).hasMessageContaining("was 32");
    }
}
