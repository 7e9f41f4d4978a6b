package io.chatplatform.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's run command ends in {@code java -jar bootstrap/target/chat-server.jar}; this runs
 * exactly that jar, as a separate process, on the embedded defaults.
 */
class ExecutableJarIT {

    @Test
    @DisplayName("the executable jar starts on its embedded defaults and answers /health within 60 seconds")
    void starts_and_answers(@TempDir Path dir) throws Exception {
        JarProcess service = JarProcess.start(dir.resolve("data"), dir.resolve("output.log"), Map.of());
        try {
            assertThat(service.awaitHealthy(Duration.ofSeconds(60))).as("GET /health; process output:%n%s", service.output())
                    .isPresent();
        } finally {
            service.process().destroy();
            assertThat(service.process().waitFor(30, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
        }
    }

    @Test
    @DisplayName("in the default format every line on stdout is a JSON object, from the first byte of a start to the last of a stop")
    void stdout_is_json_lines(@TempDir Path dir) throws Exception {
        Path stdout = dir.resolve("stdout.log");
        Path stderr = dir.resolve("stderr.log");
        JarProcess service = JarProcess.start(dir.resolve("data"), stdout, stderr, Map.of());
        try {
            assertThat(service.awaitHealthy(Duration.ofSeconds(60))).as("GET /health; stdout:%n%s", service.output())
                    .isPresent();
            service.http().account("stdout_" + System.nanoTime() % 1_000_000);
            service.http().get("/no-such-route", null);
        } finally {
            service.process().destroy();
            assertThat(service.process().waitFor(30, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
        }
        List<String> lines = Files.readAllLines(stdout, StandardCharsets.UTF_8);
        assertThat(lines).as("stdout").hasSizeGreaterThan(5);
        for (String line : lines) {
            assertThat(Http.JSON.readTree(line).isObject()).as("a JSON object: %s", line).isTrue();
        }
        assertThat(String.join("\n", lines)).contains("\"message\":\"stopping\"", "\"status\":\"404\"");
        assertThat(Files.readString(stderr, StandardCharsets.UTF_8)).as("stderr").doesNotContain("logback");
    }

    @Test
    @DisplayName("a bad setting stops the jar at once with exit code 2 and a message naming the variable")
    void refuses_bad_configuration(@TempDir Path dir) throws Exception {
        JarProcess service = JarProcess.start(dir.resolve("data"), dir.resolve("output.log"), Map.of("CHAT_HTTP_PORT", "eighty"));
        assertThat(service.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(service.process().exitValue()).isEqualTo(2);
        assertThat(service.output()).contains("Configuration error: CHAT_HTTP_PORT must be a whole number, was 'eighty'");
    }
}
