package io.chatplatform.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine;

class CliTest {

    @Command(name = "probe")
    static final class Probe implements Runnable {
        @Mixin
        Cli.Common common;
        @Mixin
        Cli.Live live;

        @Override
        public void run() {
        }
    }

    private static Probe parse(String... args) {
        Probe probe = new Probe();
        Cli.withUnits(new CommandLine(probe)).parseArgs(args);
        return probe;
    }

    @Test
    void optionsTakeUnitsInBothForms() {
        Probe p = parse("--users=10k", "--duration", "1.5s", "--warmup", "500ms", "--rate", "1000/s", "--ws-auth", "message",
                "--server-pid", "1M", "--connect-rate=2k");
        assertThat(p.common.users(64)).isEqualTo(10_000);
        assertThat(p.common.duration).isEqualTo(Duration.ofMillis(1500));
        assertThat(p.common.warmup).isEqualTo(Duration.ofMillis(500));
        assertThat(p.common.rate(0)).isEqualTo(1000);
        assertThat(p.live.auth).isEqualTo(Cli.WsAuth.message);
        assertThat(p.live.serverPid).isEqualTo(1_000_000L);
        assertThat(p.live.connectRate).isEqualTo(2000);
        assertThat(p.common.given()).containsEntry("users", "10k").containsEntry("rate", "1000/s").containsKey("ws-auth");
    }

    @Test
    void defaultsApplyWhenAnOptionIsAbsent() {
        Probe p = parse("--password", "secret", "--label", "abc");
        assertThat(p.common.users(64)).isEqualTo(64);
        assertThat(p.common.rate(1000)).isEqualTo(1000);
        assertThat(p.common.duration).isEqualTo(Duration.ofSeconds(30));
        assertThat(p.live.drain).isEqualTo(Duration.ofSeconds(10));
        assertThat(p.common.given()).containsOnlyKeys("label"); // the password is never written down
    }

    @Test
    void unitsAreParsedStrictly() {
        assertThat(Cli.duration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Cli.duration("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Cli.duration("10")).isEqualTo(Duration.ofSeconds(10));
        assertThat(Cli.duration("0s")).isEqualTo(Duration.ZERO);
        assertThat(Cli.count("1_000,000")).isEqualTo(1_000_000);
        assertThat(Cli.rate("2.5")).isEqualTo(2.5);
        for (String bad : new String[]{"-1s", "fast", "s"}) {
            assertThatThrownBy(() -> Cli.duration(bad)).isInstanceOf(CommandLine.TypeConversionException.class);
        }
        assertThatThrownBy(() -> Cli.count("many")).isInstanceOf(CommandLine.TypeConversionException.class);
        assertThatThrownBy(() -> Cli.rate("-3")).isInstanceOf(CommandLine.TypeConversionException.class);
        assertThatThrownBy(() -> Cli.rate("lots")).isInstanceOf(CommandLine.TypeConversionException.class);
    }

    @Test
    void badValuesNameTheOption() {
        assertThatThrownBy(() -> parse("--users", "many")).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("--users");
        assertThatThrownBy(() -> parse("--ws-auth", "cookie")).hasMessageContaining("--ws-auth");
        assertThatThrownBy(() -> parse("--client", "jdk")).hasMessageContaining("--client");
    }

    @Test
    void databasePasswordsAreMasked() {
        assertThat(Cli.redactUrl("jdbc:postgresql://h/db?user=u&password=s3cret")).isEqualTo(
                "jdbc:postgresql://h/db?user=u&password=***");
        assertThat(Cli.redactUrl("postgresql://u:s3cret@h/db")).isEqualTo("postgresql://u:***@h/db");
    }
}
