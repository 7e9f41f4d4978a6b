package io.chatplatform.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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

    private static final Path JAR = Path.of("target", "chat-server.jar");

    @Test
    @DisplayName("the executable jar starts on its embedded defaults and answers /health within 60 seconds")
    void starts_and_answers(@TempDir Path dataDir) throws Exception {
        int port = freePort();
        Process process = start(dataDir, Map.of("CHAT_HTTP_PORT", Integer.toString(port), "CHAT_HTTP_HOST", "127.0.0.1"));
        try {
            Http http = new Http(port);
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            Integer status = null;
            while (Instant.now().isBefore(deadline) && process.isAlive()) {
                try {
                    status = http.get("/health", null).status();
                    break;
                } catch (RuntimeException notYet) {
                    Thread.sleep(250);
                }
            }
            assertThat(status).as("GET /health; process output:%n%s", output(dataDir)).isEqualTo(200);
        } finally {
            process.destroy();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
        }
    }

    @Test
    @DisplayName("in the default format every line on stdout is a JSON object, from the first byte of a start to the last of a stop")
    void stdout_is_json_lines(@TempDir Path dataDir) throws Exception {
        int port = freePort();
        Path stdout = dataDir.resolve("stdout.log");
        Path stderr = dataDir.resolve("stderr.log");
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", JAR.toString())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("CHAT_"));
        builder.environment().putAll(Map.of("CHAT_HTTP_PORT", Integer.toString(port), "CHAT_HTTP_HOST", "127.0.0.1",
                "CHAT_DATA_DIR", dataDir.resolve("data").toString(), "CHAT_BCRYPT_COST", "4"));
        Process process = builder.start();
        try {
            Http http = new Http(port);
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (Instant.now().isBefore(deadline) && process.isAlive()) {
                try {
                    http.get("/health", null);
                    break;
                } catch (RuntimeException notYet) {
                    Thread.sleep(250);
                }
            }
            http.account("stdout_" + port);
            http.get("/no-such-route", null);
        } finally {
            process.destroy();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
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
    void refuses_bad_configuration(@TempDir Path dataDir) throws Exception {
        Process process = start(dataDir, Map.of("CHAT_HTTP_PORT", "eighty"));
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(output(dataDir)).contains("Configuration error: CHAT_HTTP_PORT must be a whole number, was 'eighty'");
    }

    private static Process start(Path dataDir, Map<String, String> env) throws IOException {
        assertThat(JAR).as("built by mvn package").exists();
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", JAR.toString())
                .redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("output.log").toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("CHAT_"));
        builder.environment().putAll(env);
        builder.environment().put("CHAT_DATA_DIR", dataDir.resolve("data").toString());
        builder.environment().put("CHAT_BCRYPT_COST", "4");
        return builder.start();
    }

    private static String output(Path dataDir) throws IOException {
        return Files.readString(dataDir.resolve("output.log"), StandardCharsets.UTF_8);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
