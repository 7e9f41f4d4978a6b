package io.chatplatform.testkit;

import static io.chatplatform.testkit.Waits.eventually;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.UnifiedJedis;

/**
 * A redis-server of the test's own on a free port of 127.0.0.1, keeping nothing on disk, for tests
 * of outages: started, stopped, killed (SIGKILL), paused (SIGSTOP), resumed (SIGCONT) and restarted
 * on the same port by the test. {@code redis-server} must be on the {@code PATH}.
 *
 * <pre>{@code try (RedisServer redis = RedisServer.onFreePort().start()) { ... redis.kill(); ... redis.start(); }}</pre>
 */
public final class RedisServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final int port;
    private final Path dir;
    private List<String> options = List.of();
    private Process process;

    private RedisServer(int port, Path dir) {
        this.port = port;
        this.dir = dir;
    }

    /** A server on a port that is free now; not started yet. */
    public static RedisServer onFreePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return new RedisServer(socket.getLocalPort(), Files.createTempDirectory("redis-test-"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port", e);
        }
    }

    /** A started server on a free port. */
    public static RedisServer started() {
        return onFreePort().start();
    }

    public int port() {
        return port;
    }

    /** The server as {@code CHAT_REDIS_URL} or {@code RedisSettings.fromUrl} take it. */
    public String url() {
        return "redis://127.0.0.1:" + port + "/0";
    }

    /** Starts the server (again, after {@link #kill} or {@link #stop}) and waits until it answers PING. */
    public RedisServer start() {
        return start(options);
    }

    /** Starts the server with more options, such as {@code --requirepass secret}; a restart keeps them. */
    public RedisServer start(List<String> options) {
        if (isRunning()) {
            throw new IllegalStateException("redis-server on port " + port + " is already running");
        }
        this.options = List.copyOf(options);
        Path log = dir.resolve("redis.log");
        List<String> command = new ArrayList<>(List.of(executable().toString(), "--port", Integer.toString(port),
                "--save", "", "--appendonly", "no", "--bind", "127.0.0.1", "--dir", dir.toString()));
        command.addAll(options);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start redis-server", e);
        }
        eventually("redis-server on port " + port + " answering PING").atMost(START_TIMEOUT)
                .until(() -> {
                    if (!process.isAlive()) {
                        fail("redis-server on port " + port + " exited; its log:\n" + readLog(log));
                    }
                    return answersPing();
                });
        return this;
    }

    /** Kills the server at once (SIGKILL): its data is lost, as in a crash. */
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
            awaitExit();
        }
    }

    /** Stops the server the polite way (SIGTERM) and waits for it to exit. */
    public void stop() {
        if (process != null) {
            process.destroy();
            awaitExit();
        }
    }

    /** Kills the server and starts it again on the same port, empty. */
    public void restart() {
        kill();
        start();
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Freezes the server (SIGSTOP): connections stay open, nothing answers. */
    public void pause() {
        signal("-STOP");
    }

    /** Lets a paused server go on (SIGCONT). */
    public void resume() {
        signal("-CONT");
    }

    /** A plain client of this server, for the test's own look at the data. */
    public UnifiedJedis client() {
        return SharedRedis.clientOf("127.0.0.1", port);
    }

    /** {@code INFO commandstats} as command name to number of calls. */
    public Map<String, Long> commandCalls() {
        try (UnifiedJedis client = client()) {
            return commandCalls(client.info("commandstats"));
        }
    }

    /** The {@code cmdstat_<name>:calls=<n>,...} lines of an {@code INFO commandstats} answer as name to calls. */
    public static Map<String, Long> commandCalls(String info) {
        Map<String, Long> calls = new HashMap<>();
        for (String line : info.split("\r?\n")) {
            if (line.startsWith("cmdstat_") && line.contains(":calls=")) {
                String name = line.substring("cmdstat_".length(), line.indexOf(':'));
                int start = line.indexOf("calls=") + "calls=".length();
                int end = line.indexOf(',', start);
                calls.put(name, Long.parseLong(line.substring(start, end < 0 ? line.length() : end)));
            }
        }
        return calls;
    }

    @Override
    public void close() {
        if (isRunning()) {
            resume();
            kill();
        }
        try {
            Files.deleteIfExists(dir.resolve("redis.log"));
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a temporary directory left behind is harmless, but say so
            System.err.println("could not delete " + dir + ": " + e);
        }
    }

    private void awaitExit() {
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                fail("redis-server on port " + port + " did not exit");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void signal(String signal) {
        if (!isRunning()) {
            throw new IllegalStateException("redis-server on port " + port + " is not running");
        }
        try {
            Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                fail("kill " + signal + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run kill", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private boolean answersPing() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            socket.setSoTimeout(500);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = new byte[7];
            int read = in.readNBytes(reply, 0, reply.length);
            // a server that wants a password answers -NOAUTH: it is up all the same
            String answer = new String(reply, 0, read, StandardCharsets.US_ASCII);
            return answer.equals("+PONG\r\n") || answer.startsWith("-NOAUTH");
        } catch (IOException e) {
            return false;
        }
    }

    private static Path executable() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String entry : path.split(File.pathSeparator)) {
            Path candidate = Path.of(entry.isEmpty() ? "." : entry, "redis-server");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return fail("redis-server is not on PATH (" + path + "): outage tests start their own Redis; "
                + "install it, e.g. apt-get install redis-server");
    }

    private static String readLog(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
