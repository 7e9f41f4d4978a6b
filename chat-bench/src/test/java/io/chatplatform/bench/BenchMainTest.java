package io.chatplatform.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BenchMainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return BenchMain.run(args, out, err);
    }

    @Test
    void helpListsTheCommands() {
        assertThat(run("help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("send", "read-cached", "read-cold", "realtime", "mixed",
                "login-flood", "get", "idle-ws", "seed", "bare-server", "ratios", "pgbench-scripts");
        assertThat(run("help", "realtime")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--connections", "--jwt-secret", "--ws-auth", "--drain",
                "--change-share", "--edit-fraction", "--emoji", "--max-edits");
        assertThat(run("help", "mixed")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("edit-react", "--edit-fraction");
        assertThat(run()).isEqualTo(2);
    }

    @Test
    void mistakesAreUsageErrorsWithStatus2() {
        assertThat(run("fly")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("fly");
        assertThat(run("send", "--colour", "red")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--colour");
        assertThat(run("read-cached", "--users", "4", "--peers", "2")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--peers must be less than half");
        assertThat(run("send", "--content-bytes", "16")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--content-bytes must be 32 or more");
        assertThat(run("send", "--url", "ftp://x")).isEqualTo(2);
        assertThat(run("mixed", "--users", "10", "--peers", "1", "--mix", "write=5")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--mix");
        assertThat(run("mixed", "--users", "10", "--peers", "1", "--mix", "edit-react=5", "--edit-fraction", "1.5"))
                .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--edit-fraction must be between 0 and 1");
        assertThat(run("mixed", "--users", "10", "--peers", "1", "--max-edits", "0")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--max-edits must be at least 1");
        assertThat(run("realtime", "--change-share", "2")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--change-share must be between 0 and 1");
        assertThat(run("realtime", "--change-share", "-0.5")).isEqualTo(2);
        assertThat(run("realtime", "--change-share", "0.5", "--emoji", " ")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--emoji must be an emoji");
    }

    @Test
    void aFailedRunIsStatus1() {
        // nothing listens on port 9: registering the accounts fails
        assertThat(run("send", "--url", "http://127.0.0.1:9", "--users", "2", "--timeout", "1s")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("chat-bench: failed:");
    }

    @Test
    void ratiosNeedTheCeilingsDirectory() {
        assertThat(run("ratios")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--ceilings");
    }
}
