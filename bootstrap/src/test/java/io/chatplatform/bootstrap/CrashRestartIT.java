package io.chatplatform.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The executable jar on its embedded defaults, killed the way the OOM killer or a container
 * runtime kills it, and started again on the same data directory.
 */
class CrashRestartIT {

    private static final int MESSAGES = 100;
    /** what Java reports for a process ended by SIGKILL (128 + 9) */
    private static final int KILLED_BY_SIGKILL = 137;

    @Test
    @DisplayName("after SIGKILL the next start stops the PostgreSQL left running, is healthy within 30 seconds, and has every acknowledged message")
    void restarts_after_sigkill(@TempDir Path dir) throws Exception {
        Path dataDir = dir.resolve("data");
        try {
            killAndRestart(dir, dataDir);
        } finally {
            postmaster(dataDir).ifPresent(ProcessHandle::destroy); // when it failed half-way: no PostgreSQL left behind
        }
    }

    private static void killAndRestart(Path dir, Path dataDir) throws Exception {
        // faster than the default sends_per_user allows: the test is about durability, not limits
        JarProcess first = JarProcess.start(dataDir, dir.resolve("first.log"), Map.of("CHAT_RATE_LIMITS", "sends_per_user=off"));
        List<Long> acknowledged = new ArrayList<>();
        Http.Account alice;
        Http.Account bob;
        try {
            Optional<Duration> firstStart = first.awaitHealthy(Duration.ofSeconds(120));
            assertThat(firstStart).as("first start; output:%n%s", first.output()).isPresent();
            System.out.printf("CrashRestartIT: first start healthy after %d ms%n", firstStart.get().toMillis());
            Http http = first.http();
            alice = http.account("alice");
            bob = http.account("bob");
            for (int i = 0; i < MESSAGES; i++) {
                Http.Reply sent = http.postJson("/send", alice.token(), Map.of("recipient_id", bob.id(), "content", "message " + i));
                assertThat(sent.status()).as(sent.body()).isEqualTo(200);
                acknowledged.add(sent.json().get("id").asLong());
            }
        } finally {
            first.process().destroyForcibly();
        }
        assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(first.process().exitValue()).as("ended by SIGKILL, not by a shutdown").isEqualTo(KILLED_BY_SIGKILL);
        ProcessHandle leftRunning = postmaster(dataDir).orElseThrow();
        assertThat(leftRunning.isAlive()).as("the embedded PostgreSQL outlived the killed JVM").isTrue();

        JarProcess second = JarProcess.start(dataDir, dir.resolve("second.log"), Map.of());
        try {
            Optional<Duration> restart = second.awaitHealthy(Duration.ofSeconds(30));
            assertThat(restart).as("healthy within 30 s of the restart; output:%n%s", second.output()).isPresent();
            System.out.printf("CrashRestartIT: restart after SIGKILL healthy after %d ms%n", restart.get().toMillis());
            assertThat(leftRunning.isAlive()).as("the PostgreSQL left running was stopped").isFalse();
            assertThat(second.output()).contains("left behind by a service that did not stop cleanly; stopping it");

            JsonNode history = second.http().get("/messages?with_user_id=" + alice.id() + "&limit=" + MESSAGES, bob.token()).json();
            List<Long> kept = new ArrayList<>();
            history.forEach(message -> kept.add(message.get("id").asLong()));
            assertThat(kept).as("every acknowledged message").containsExactlyInAnyOrderElementsOf(acknowledged);
        } finally {
            second.process().destroy();
            assertThat(second.process().waitFor(30, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
        }
        assertThat(postmaster(dataDir)).as("a clean stop leaves no PostgreSQL behind").isEmpty();
    }

    @Test
    @DisplayName("a second service on a data directory in use is refused at once with a message naming CHAT_DATA_DIR, and the first keeps serving")
    void second_service_refused(@TempDir Path dir) throws Exception {
        Path dataDir = dir.resolve("data");
        // faster than the default sends_per_user allows: the test is about durability, not limits
        JarProcess first = JarProcess.start(dataDir, dir.resolve("first.log"), Map.of("CHAT_RATE_LIMITS", "sends_per_user=off"));
        try {
            assertThat(first.awaitHealthy(Duration.ofSeconds(120))).as("first start; output:%n%s", first.output()).isPresent();

            JarProcess second = JarProcess.start(dataDir, dir.resolve("second.log"), Map.of());
            assertThat(second.process().waitFor(30, TimeUnit.SECONDS)).as("refused at once").isTrue();
            assertThat(second.process().exitValue()).isEqualTo(1);
            assertThat(second.output()).contains("CHAT_DATA_DIR " + dataDir.toRealPath()
                    + " is in use by another Chat Platform service (pid " + first.process().pid() + ")");

            assertThat(first.http().get("/health", null).status()).isEqualTo(200);
        } finally {
            first.process().destroy();
            assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
        }
    }

    /** The live process that the data directory's postmaster.pid names, if any. */
    private static Optional<ProcessHandle> postmaster(Path dataDir) throws Exception {
        Path pidFile = dataDir.resolve(EmbeddedPostgres.DATA_SUBDIRECTORY).resolve(LeftoverPostmaster.PID_FILE);
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    }
}
