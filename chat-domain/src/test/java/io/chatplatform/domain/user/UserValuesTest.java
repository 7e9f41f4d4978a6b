package io.chatplatform.domain.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatplatform.domain.InvalidValueException;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class UserValuesTest {

    @Nested
    @org.junit.jupiter.api.DisplayName("a user id")
    class UserIds {
        @Test
        void is_positive_and_json_safe() {
            assertThat(UserId.of(1).value()).isEqualTo(1);
            assertThat(UserId.of((1L << 53) - 1).toString()).isEqualTo("9007199254740991");
            assertThatThrownBy(() -> UserId.of(0)).isInstanceOf(InvalidValueException.class)
                    .hasMessageContaining("user_id");
            assertThatThrownBy(() -> UserId.of(-5)).isInstanceOf(InvalidValueException.class);
            assertThatThrownBy(() -> UserId.of(1L << 53)).isInstanceOf(InvalidValueException.class);
        }

        @Test
        void orders_by_value() {
            assertThat(UserId.of(2)).isGreaterThan(UserId.of(1));
        }
    }

    @Nested
    @org.junit.jupiter.api.DisplayName("a username")
    class Usernames {
        @ParameterizedTest
        @ValueSource(strings = {"bob", "Alice_99", "___", "a23456789012345678901234567890123456789012345678xy"})
        void accepts_3_to_50_letters_digits_and_underscores(String name) {
            assertThat(Username.of(name).value()).isEqualTo(name);
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"ab", "has space", "dash-ed", "dot.ted", "émile", "a234567890123456789012345678901234567890123456789xy",
                "bob\n", "bob%"})
        void rejects_anything_else_naming_the_field(String name) {
            assertThatThrownBy(() -> Username.of(name))
                    .isInstanceOfSatisfying(InvalidValueException.class, e -> {
                        assertThat(e.field()).isEqualTo("username");
                        assertThat(e.reason()).contains("3 to 50");
                    });
        }

        @Test
        void is_unique_regardless_of_case_but_keeps_its_case() {
            Username alice = Username.of("Alice");
            assertThat(alice.canonical()).isEqualTo("alice");
            assertThat(alice.toString()).isEqualTo("Alice");
        }
    }

    @Nested
    @org.junit.jupiter.api.DisplayName("an email")
    class Emails {
        @ParameterizedTest
        @ValueSource(strings = {"a@example.com", "first.last+tag@sub.example.co.uk", "O'Brien@Example.ORG", "x_y-z@a-b.io"})
        void accepts_ordinary_addresses(String address) {
            assertThat(Email.of(address).value()).isEqualTo(address);
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"plain", "@example.com", "a@", "a@b", "a@@b.com", "a b@c.com", "a@-bad.com", "a..b@c.com",
                ".a@c.com", "a@c.com ", "a@c.c"})
        void rejects_malformed_addresses(String address) {
            assertThatThrownBy(() -> Email.of(address))
                    .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("email"));
        }

        @Test
        void rejects_addresses_longer_than_254_or_with_a_local_part_over_64() {
            String longDomain = "a@" + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(63) + "." + "e".repeat(63) + ".com";
            assertThat(longDomain.length()).isGreaterThan(254);
            assertThatThrownBy(() -> Email.of(longDomain)).isInstanceOf(InvalidValueException.class);
            assertThatThrownBy(() -> Email.of("x".repeat(65) + "@example.com")).isInstanceOf(InvalidValueException.class);
            assertThat(Email.of("x".repeat(64) + "@example.com").value()).hasSize(76);
        }

        @Test
        void is_unique_regardless_of_case() {
            assertThat(Email.of("Bob@Example.COM").canonical()).isEqualTo("bob@example.com");
        }
    }

    @Nested
    @org.junit.jupiter.api.DisplayName("a new password")
    class Passwords {
        @Test
        void needs_at_least_8_characters() {
            assertThat(Password.of("12345678").value()).isEqualTo("12345678");
            assertThatThrownBy(() -> Password.of("1234567"))
                    .isInstanceOfSatisfying(InvalidValueException.class, e -> {
                        assertThat(e.field()).isEqualTo("password");
                        assertThat(e.reason()).contains("at least 8");
                    });
        }

        @Test
        void counts_characters_not_bytes_for_the_minimum_and_bytes_for_the_maximum() {
            assertThat(Password.of("🔒🔒🔒🔒🔒🔒🔒🔒").value()).hasSize(16);
            assertThat(Password.of("x".repeat(72)).value()).hasSize(72);
            assertThatThrownBy(() -> Password.of("x".repeat(73))).hasMessageContaining("72 bytes");
            assertThatThrownBy(() -> Password.of("é".repeat(37))).hasMessageContaining("72 bytes");
        }

        @Test
        void has_no_more_characters_than_bytes_allowed() {
            assertThat(Password.MAX_LENGTH).isEqualTo(Password.MAX_BYTES);
            assertThat(Password.of("x".repeat(Password.MAX_LENGTH)).value()).hasSize(72);
            assertThatThrownBy(() -> Password.of("x".repeat(Password.MAX_LENGTH + 1))).hasMessageContaining("72 bytes");
        }

        @Test
        void rejects_null_and_nul_characters() {
            assertThatThrownBy(() -> Password.of(null)).isInstanceOf(InvalidValueException.class);
            assertThatThrownBy(() -> Password.of("abc\u0000defgh")).hasMessageContaining("NUL");
        }

        @Test
        void is_never_printed() {
            assertThat(Password.of("secret-password").toString()).doesNotContain("secret");
            assertThat(PasswordAttempt.of("secret-password").toString()).doesNotContain("secret");
            assertThat(new PasswordHash("$2a$12$secret").toString()).doesNotContain("secret");
        }

        @Test
        void becomes_an_attempt_with_the_same_text() {
            assertThat(Password.of("password123").asAttempt()).isEqualTo(PasswordAttempt.of("password123"));
        }
    }

    @Nested
    @org.junit.jupiter.api.DisplayName("a password attempt")
    class Attempts {
        @Test
        void only_needs_to_be_present_and_of_sane_size() {
            assertThat(PasswordAttempt.of("x").value()).isEqualTo("x");
            assertThatThrownBy(() -> PasswordAttempt.of("")).hasMessageContaining("required");
            assertThatThrownBy(() -> PasswordAttempt.of(null)).hasMessageContaining("required");
            assertThatThrownBy(() -> PasswordAttempt.of("x".repeat(1025))).hasMessageContaining("1024");
        }

        @Test
        void counts_code_points_as_the_api_document_does() {
            assertThat(PasswordAttempt.of("🔒".repeat(1024)).value()).hasSize(2048);
            assertThatThrownBy(() -> PasswordAttempt.of("🔒".repeat(1025))).hasMessageContaining("1024");
        }
    }

    @Test
    void a_password_hash_must_not_be_blank() {
        assertThatThrownBy(() -> new PasswordHash(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PasswordHash(null)).isInstanceOf(NullPointerException.class);
    }

    @Nested
    @org.junit.jupiter.api.DisplayName("a display name")
    class DisplayNames {
        @Test
        void is_one_line_of_1_to_100_characters_without_surrounding_spaces() {
            assertThat(DisplayName.of("Zoë 🌸 O'Neil").value()).isEqualTo("Zoë 🌸 O'Neil");
            assertThat(DisplayName.of("🌸".repeat(100)).value()).hasSize(200);
            assertThatThrownBy(() -> DisplayName.of("x".repeat(101))).hasMessageContaining("100");
            assertThatThrownBy(() -> DisplayName.of("  ")).hasMessageContaining("empty");
            assertThatThrownBy(() -> DisplayName.of(" Bob")).hasMessageContaining("spaces");
            assertThatThrownBy(() -> DisplayName.of("Bob\nSmith")).hasMessageContaining("control");
            assertThatThrownBy(() -> DisplayName.of("Bob\tSmith")).hasMessageContaining("control");
        }

        @Test
        void rejects_broken_unicode() {
            assertThatThrownBy(() -> DisplayName.of("bad\uD800")).hasMessageContaining("Unicode");
            assertThatThrownBy(() -> DisplayName.of("\uDC00bad")).hasMessageContaining("Unicode");
        }
    }

    @Nested
    @org.junit.jupiter.api.DisplayName("an avatar URL")
    class AvatarUrls {
        @ParameterizedTest
        @ValueSource(strings = {"https://cdn.example.com/a.png", "http://example.com/x?y=1#z", "HTTPS://EXAMPLE.COM/a"})
        void is_an_absolute_http_url(String url) {
            assertThat(AvatarUrl.of(url).toString()).isEqualTo(url);
        }

        @ParameterizedTest
        @ValueSource(strings = {"ftp://example.com/a.png", "javascript:alert(1)", "/relative.png", "https://", "not a url",
                "data:image/png;base64,AAAA"})
        void rejects_other_schemes_and_relative_urls(String url) {
            assertThatThrownBy(() -> AvatarUrl.of(url))
                    .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("avatar_url"));
        }

        @Test
        void is_at_most_2048_characters() {
            assertThatThrownBy(() -> AvatarUrl.of("https://example.com/" + "a".repeat(2048))).hasMessageContaining("2048");
        }

        @Test
        void counts_code_points_as_the_api_document_does() {
            String prefix = "https://example.com/";
            String longest = prefix + "🖼".repeat(AvatarUrl.MAX_LENGTH - prefix.length());
            assertThat(AvatarUrl.of(longest).value()).hasSize(prefix.length() + 2 * (AvatarUrl.MAX_LENGTH - prefix.length()));
            assertThatThrownBy(() -> AvatarUrl.of(longest + "x")).hasMessageContaining("at most 2048 characters");
        }
    }

    @Nested
    @org.junit.jupiter.api.DisplayName("a time zone")
    class TimeZones {
        @Test
        void is_an_iana_region_or_utc() {
            assertThat(TimeZoneName.of("Europe/Berlin").zoneId().getId()).isEqualTo("Europe/Berlin");
            assertThat(TimeZoneName.of("UTC").toString()).isEqualTo("UTC");
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"+05:00", "Mars/Olympus", "europe/berlin", "GMT+3"})
        void rejects_offsets_and_unknown_names(String zone) {
            assertThatThrownBy(() -> TimeZoneName.of(zone))
                    .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("timezone"));
        }

        @Test
        void accepts_exactly_the_names_it_lists() {
            assertThat(TimeZoneName.NAMES).contains("UTC", "Europe/Berlin", "America/Argentina/Buenos_Aires")
                    .doesNotContain("+05:00", "GMT+3")
                    .hasSizeGreaterThan(300);
            assertThat(List.copyOf(TimeZoneName.NAMES)).isSorted();
            TimeZoneName.NAMES.forEach(name -> assertThat(TimeZoneName.of(name).value()).isEqualTo(name));
            assertThat(TimeZoneName.NAMES).allMatch(name -> name.matches(TimeZoneName.PATTERN))
                    .allMatch(name -> name.length() <= TimeZoneName.MAX_LENGTH)
                    .anyMatch(name -> name.length() == TimeZoneName.MAX_LENGTH);
            assertThatThrownBy(() -> TimeZoneName.NAMES.add("Mars/Olympus")).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Nested
    @org.junit.jupiter.api.DisplayName("a search term")
    class SearchTerms {
        @Test
        void is_trimmed_and_1_to_50_characters() {
            assertThat(SearchTerm.parse("  ali ").value()).isEqualTo("ali");
            assertThat(SearchTerm.parse("%").value()).isEqualTo("%");
            assertThat(SearchTerm.parse("x".repeat(50)).toString()).hasSize(50);
            assertThatThrownBy(() -> SearchTerm.parse("x".repeat(51))).hasMessageContaining("50");
            assertThatThrownBy(() -> SearchTerm.parse("   ")).hasMessageContaining("empty");
            assertThatThrownBy(() -> SearchTerm.parse(null)).hasMessageContaining("required");
            assertThatThrownBy(() -> new SearchTerm(" padded")).hasMessageContaining("spaces");
            assertThatThrownBy(() -> SearchTerm.parse("a\u0001b")).hasMessageContaining("control");
        }
    }
}
