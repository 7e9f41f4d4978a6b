package io.chatplatform.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OptionsTest {

    private static Options parse(String... args) {
        return Options.parse(args, Set.of("migrate"));
    }

    @Test
    void readsBothOptionFormsFlagsAndPositionals() {
        Options o = parse("ratios", "--ceilings", "dir", "--users=64", "--migrate", "a.json", "b.json");
        assertThat(o.command()).isEqualTo("ratios");
        assertThat(o.string("ceilings", null)).isEqualTo("dir");
        assertThat(o.integer("users", 1, 1, 100)).isEqualTo(64);
        assertThat(o.flag("migrate")).isTrue();
        assertThat(o.flag("other")).isFalse();
        assertThat(o.positional()).containsExactly("a.json", "b.json");
        assertThat(o.given()).containsKeys("ceilings", "users", "migrate");
    }

    @Test
    void defaultsApplyWhenAnOptionIsAbsent() {
        Options o = parse("send");
        assertThat(o.integer("users", 64, 1, 100)).isEqualTo(64);
        assertThat(o.duration("duration", Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.rate("rate", 0)).isZero();
        assertThat(o.optional("json")).isEmpty();
    }

    @Test
    void durationsTakeUnits() {
        assertThat(Options.parseDuration("30s")).contains(Duration.ofSeconds(30));
        assertThat(Options.parseDuration("500ms")).contains(Duration.ofMillis(500));
        assertThat(Options.parseDuration("2m")).contains(Duration.ofMinutes(2));
        assertThat(Options.parseDuration("1h")).contains(Duration.ofHours(1));
        assertThat(Options.parseDuration("1.5s")).contains(Duration.ofMillis(1500));
        assertThat(Options.parseDuration("10")).contains(Duration.ofSeconds(10));
        assertThat(Options.parseDuration("0s")).contains(Duration.ZERO);
        assertThat(Options.parseDuration("-1s")).isEmpty();
        assertThat(Options.parseDuration("fast")).isEmpty();
        assertThat(Options.parseDuration("s")).isEmpty();
    }

    @Test
    void countsTakeSuffixesAndSeparators() {
        assertThat(parse("x", "--messages", "1M").count("messages", 0, 0, Long.MAX_VALUE)).isEqualTo(1_000_000);
        assertThat(parse("x", "--messages", "10k").count("messages", 0, 0, Long.MAX_VALUE)).isEqualTo(10_000);
        assertThat(parse("x", "--messages", "1_000,000").count("messages", 0, 0, Long.MAX_VALUE)).isEqualTo(1_000_000);
    }

    @Test
    void ratesAcceptPerSecondSuffix() {
        assertThat(parse("x", "--rate", "1000/s").rate("rate", 0)).isEqualTo(1000);
        assertThat(parse("x", "--rate", "2.5").rate("rate", 0)).isEqualTo(2.5);
        assertThatThrownBy(() -> parse("x", "--rate", "-3").rate("rate", 0)).isInstanceOf(Options.UsageException.class);
        assertThatThrownBy(() -> parse("x", "--rate", "lots").rate("rate", 0)).hasMessageContaining("--rate");
    }

    @Test
    void badValuesNameTheOption() {
        assertThatThrownBy(() -> parse("x", "--users", "many").integer("users", 1, 1, 10))
                .isInstanceOf(Options.UsageException.class).hasMessageContaining("--users");
        assertThatThrownBy(() -> parse("x", "--users", "11").integer("users", 1, 1, 10))
                .hasMessageContaining("between 1 and 10");
        assertThatThrownBy(() -> parse("x", "--duration", "soon").duration("duration", Duration.ZERO))
                .hasMessageContaining("--duration");
        assertThatThrownBy(() -> parse("x", "--list-ratio", "2").decimal("list-ratio", 0, 0, 1))
                .hasMessageContaining("--list-ratio");
        assertThatThrownBy(() -> parse("x").required("schema")).hasMessageContaining("--schema is required");
    }

    @Test
    void malformedCommandLinesAreUsageErrors() {
        assertThatThrownBy(() -> parse()).isInstanceOf(Options.UsageException.class);
        assertThatThrownBy(() -> parse("--users", "3")).hasMessageContaining("command comes first");
        assertThatThrownBy(() -> parse("send", "--users")).hasMessageContaining("--users needs a value");
        assertThatThrownBy(() -> parse("send", "--users", "1", "--users", "2")).hasMessageContaining("twice");
    }

    @Test
    void unknownOptionsAreNamed() {
        Options o = parse("send", "--users", "3", "--colour", "red", "--speed", "9");
        assertThatThrownBy(() -> o.requireOnly(Set.of("users")))
                .isInstanceOf(Options.UsageException.class)
                .hasMessage("unknown options for send: --colour, --speed");
    }
}
