package io.chatplatform.domain.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MessageChangeLimitsTest {

    @Test
    void the_defaults_are_a_day_to_edit_twenty_versions_and_twenty_emoji() {
        MessageChangeLimits defaults = MessageChangeLimits.defaults();
        assertThat(defaults.editWindow()).contains(Duration.ofHours(24));
        assertThat(defaults.maxEditVersions()).isEqualTo(20);
        assertThat(defaults.maxEmojiPerMessage()).isEqualTo(20);
        assertThat(MessageChangeLimits.parse("defaults")).isEqualTo(defaults);
        assertThat(MessageChangeLimits.parse(" ")).isEqualTo(defaults);
        assertThat(defaults).hasToString("edit_window=1d,edit_versions=20,emoji_per_message=20");
    }

    @Test
    void the_configuration_changes_single_limits_and_keeps_the_others() {
        MessageChangeLimits limits = MessageChangeLimits.parse("edit_window=15m, emoji_per_message=5");
        assertThat(limits).isEqualTo(new MessageChangeLimits(Optional.of(Duration.ofMinutes(15)), 20, 5));

        assertThat(MessageChangeLimits.parse("edit_window=off,edit_versions=50"))
                .isEqualTo(new MessageChangeLimits(Optional.empty(), 50, 20));
    }

    @Test
    void the_written_form_reads_back_as_the_same_limits() {
        for (String text : new String[] {"edit_window=off,edit_versions=3,emoji_per_message=1",
            "edit_window=90s", "edit_window=1500ms", "defaults"}) {
            MessageChangeLimits limits = MessageChangeLimits.parse(text);
            assertThat(MessageChangeLimits.parse(limits.toString())).isEqualTo(limits);
        }
        assertThat(MessageChangeLimits.parse("edit_window=off")).hasToString("edit_window=off,edit_versions=20,emoji_per_message=20");
    }

    @Test
    void mistakes_are_named_with_what_is_expected() {
        assertThatThrownBy(() -> MessageChangeLimits.parse("edit_window")).hasMessageContaining("'edit_window' is not <limit>=<value>");
        assertThatThrownBy(() -> MessageChangeLimits.parse("window=1h"))
                .hasMessageContaining("'window' is not a message change limit; they are edit_window, edit_versions, emoji_per_message");
        assertThatThrownBy(() -> MessageChangeLimits.parse("edit_window=1w")).hasMessageContaining("'1w' is not a duration");
        assertThatThrownBy(() -> MessageChangeLimits.parse("edit_window=0s"))
                .hasMessageContaining("edit_window must be a positive number of milliseconds or off");
        assertThatThrownBy(() -> MessageChangeLimits.parse("edit_versions=many")).hasMessageContaining("edit_versions: 'many' is not a whole number");
        assertThatThrownBy(() -> MessageChangeLimits.parse("edit_versions=0")).hasMessageContaining("edit_versions must be at least 1, was 0");
        assertThatThrownBy(() -> MessageChangeLimits.parse("emoji_per_message=0")).hasMessageContaining("emoji_per_message must be at least 1, was 0");
        assertThatThrownBy(() -> new MessageChangeLimits(Optional.of(Duration.ofNanos(1_500_000)), 1, 1))
                .hasMessageContaining("positive number of milliseconds");
        assertThatThrownBy(() -> new MessageChangeLimits(Optional.of(Duration.ofSeconds(-1)), 1, 1))
                .hasMessageContaining("positive number of milliseconds");
    }
}
