package io.chatplatform.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BenchMainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return BenchMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void helpListsTheScenarios() {
        assertThat(run("help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("send", "read-cached", "read-cold", "realtime", "mixed",
                "ratios", "bare-server");
        assertThat(run()).isEqualTo(2);
    }

    @Test
    void mistakesAreUsageErrorsWithStatus2() {
        assertThat(run("fly")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command fly");
        assertThat(run("send", "--colour", "red")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option for send: --colour");
        assertThat(run("read-cached", "--users", "4", "--peers", "2")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--peers must be less than half");
        assertThat(run("send", "--url", "ftp://x")).isEqualTo(2);
    }

    @Test
    void ratiosNeedTheCeilingsDirectory() {
        assertThat(run("ratios")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--ceilings is required");
    }
}
