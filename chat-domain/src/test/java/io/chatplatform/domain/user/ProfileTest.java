package io.chatplatform.domain.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProfileTest {

    private static final Profile FILLED = new Profile(Optional.of(DisplayName.of("Bob")),
            Optional.of(AvatarUrl.of("https://example.com/bob.png")), Optional.of(TimeZoneName.of("Europe/Paris")));

    @Test
    void an_update_that_keeps_everything_changes_nothing() {
        assertThat(ProfileUpdate.NONE.isEmpty()).isTrue();
        assertThat(FILLED.apply(ProfileUpdate.NONE)).isEqualTo(FILLED);
    }

    @Test
    void an_update_sets_clears_and_keeps_each_field_independently() {
        ProfileUpdate update = new ProfileUpdate(FieldUpdate.set(DisplayName.of("Robert")), FieldUpdate.clear(),
                FieldUpdate.keep());
        assertThat(update.isEmpty()).isFalse();
        Profile after = FILLED.apply(update);
        assertThat(after.displayName()).contains(DisplayName.of("Robert"));
        assertThat(after.avatarUrl()).isEmpty();
        assertThat(after.timezone()).contains(TimeZoneName.of("Europe/Paris"));
    }

    @Test
    void a_new_profile_is_empty() {
        assertThat(Profile.EMPTY.apply(new ProfileUpdate(FieldUpdate.clear(), FieldUpdate.clear(), FieldUpdate.clear())))
                .isEqualTo(Profile.EMPTY);
    }

    @Test
    void field_updates_say_whether_they_keep() {
        assertThat(FieldUpdate.keep().isKeep()).isTrue();
        assertThat(FieldUpdate.clear().isKeep()).isFalse();
        assertThat(FieldUpdate.set("x").isKeep()).isFalse();
        assertThatThrownBy(() -> FieldUpdate.set(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void a_user_needs_every_part() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        User user = new User(UserId.of(1), Username.of("bob"), Email.of("bob@example.com"), new PasswordHash("h"),
                Profile.EMPTY, now, now);
        assertThat(user.username().value()).isEqualTo("bob");
        assertThatThrownBy(() -> new User(UserId.of(1), null, Email.of("bob@example.com"), new PasswordHash("h"),
                Profile.EMPTY, now, now)).hasMessageContaining("username");
    }
}
