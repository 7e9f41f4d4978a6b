package io.chatplatform.bootstrap;

import static io.chatplatform.testkit.Waits.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The executable jar that the README's run command ends in ({@code java -jar
 * bootstrap/target/chat-server.jar}), run as a process of its own on the embedded defaults, with
 * its output in a file. For the failsafe tests, which run after {@code package}.
 */
final class JarProcess {

    static final Path JAR = Path.of("target", "chat-server.jar");

    private final Process process;
    private final Path log;
    private final int port;

    private JarProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts the jar with its data in {@code dataDir}, its output in {@code log}, on a free port of
     * 127.0.0.1; {@code env} is added to a CHAT_-free environment.
     */
    static JarProcess start(Path dataDir, Path log, Map<String, String> env) {
        return start(dataDir, log, null, env);
    }

    /** As {@link #start(Path, Path, Map)}, with stderr in a file of its own ({@code errors}; null: with stdout). */
    static JarProcess start(Path dataDir, Path log, Path errors, Map<String, String> env) {
        assertThat(JAR).as("built by mvn package").exists();
        int port = freePort();
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", JAR.toString())
                .redirectOutput(log.toFile());
        if (errors == null) {
            builder.redirectErrorStream(true);
        } else {
            builder.redirectError(errors.toFile());
        }
        builder.environment().keySet().removeIf(name -> name.startsWith("CHAT_"));
        builder.environment().put("CHAT_HTTP_PORT", Integer.toString(port));
        builder.environment().put("CHAT_HTTP_HOST", "127.0.0.1");
        builder.environment().put("CHAT_DATA_DIR", dataDir.toString());
        builder.environment().put("CHAT_BCRYPT_COST", "4");
        builder.environment().putAll(env);
        try {
            return new JarProcess(builder.start(), log, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How long it took until {@code GET /health} answered 200, or empty when it did not within {@code limit} or exited. */
    Optional<Duration> awaitHealthy(Duration limit) {
        Instant start = Instant.now();
        Http http = http();
        try {
            eventually("GET /health answering 200 or the process exiting").atMost(limit).pollInterval(Duration.ofMillis(100))
                    .until(() -> !process.isAlive() || answers(http));
        } catch (ConditionTimeoutException notWithinLimit) {
            return Optional.empty(); // the caller's assertion says what it expected, with the process output
        }
        return process.isAlive() ? Optional.of(Duration.between(start, Instant.now())) : Optional.empty();
    }

    private static boolean answers(Http http) {
        try {
            return http.get("/health", null).status() == 200;
        } catch (RuntimeException notListeningYet) {
            return false;
        }
    }

    Http http() {
        return new Http(port);
    }

    Process process() {
        return process;
    }

    String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
