package io.chatplatform.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
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
    @DisplayName("a bad setting stops the jar at once with exit code 2 and a message naming the variable")
    void refuses_bad_configuration(@TempDir Path dir) throws Exception {
        JarProcess service = JarProcess.start(dir.resolve("data"), dir.resolve("output.log"), Map.of("CHAT_HTTP_PORT", "eighty"));
        assertThat(service.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(service.process().exitValue()).isEqualTo(2);
        assertThat(service.output()).contains("Configuration error: CHAT_HTTP_PORT must be a whole number, was 'eighty'");
    }
}
