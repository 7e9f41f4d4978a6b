package io.chatplatform.adapter.redis;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * A redis-server of the test's own, on a free port of 127.0.0.1, keeping nothing on disk: started,
 * killed, paused (SIGSTOP) and resumed (SIGCONT) by the test. Created stopped.
 */
final class RedisServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final int port;
    private final Path dir;
    private Process process;

    private RedisServer(int port, Path dir) {
        this.port = port;
        this.dir = dir;
    }

    /** A server on a port that is free now; not started yet. */
    static RedisServer onFreePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return new RedisServer(socket.getLocalPort(), Files.createTempDirectory("redis-test-"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot find a free port", e);
        }
    }

    int port() {
        return port;
    }

    /** Settings for this server, with every key under {@code prefix}. */
    RedisSettings settings(String prefix) {
        return new RedisSettings("127.0.0.1", port, 0, Optional.empty(), Optional.empty(), false,
                RedisSettings.DEFAULT_CONNECT_TIMEOUT, RedisSettings.DEFAULT_SOCKET_TIMEOUT,
                RedisSettings.DEFAULT_MAX_CONNECTIONS, prefix);
    }

    /** Starts the server (again, after {@link #kill}) and waits until it answers PING. */
    RedisServer start() {
        return start(List.of());
    }

    /** Starts the server with more options, such as {@code --requirepass secret}. */
    RedisServer start(List<String> options) {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("redis-server on port " + port + " is already running");
        }
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
            throw new IllegalStateException("cannot start redis-server", e);
        }
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!answersPing()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                fail("redis-server on port " + port + " did not come up; its log:\n" + readLog(log));
            }
            sleep(20);
        }
        return this;
    }

    /** Kills the server at once (SIGKILL): its data is lost, as in a crash. */
    void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    fail("redis-server on port " + port + " did not die");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Freezes the server (SIGSTOP): connections stay open, nothing answers. */
    void pause() {
        signal("-STOP");
    }

    /** Lets a paused server go on (SIGCONT). */
    void resume() {
        signal("-CONT");
    }

    /** A plain client of this server, for the test's own look at the data. */
    UnifiedJedis client() {
        return RedisClient.builder().hostAndPort("127.0.0.1", port)
                .clientConfig(DefaultJedisClientConfig.builder().resp2().socketTimeoutMillis(2000).build())
                .build();
    }

    /** {@code INFO commandstats} as command name to number of calls. */
    Map<String, Long> commandCalls() {
        try (UnifiedJedis client = client()) {
            return commandCalls(client.info("commandstats"));
        }
    }

    static Map<String, Long> commandCalls(String info) {
        Map<String, Long> calls = new HashMap<>();
        ServerInfo.parse(info).forEach((name, value) -> {
            if (name.startsWith("cmdstat_")) {
                String count = value.substring("calls=".length(), value.indexOf(','));
                calls.put(name.substring("cmdstat_".length()), Long.parseLong(count));
            }
        });
        return calls;
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            resume();
            kill();
        }
        try {
            Files.deleteIfExists(dir.resolve("redis.log"));
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }

    private void signal(String signal) {
        if (process == null || !process.isAlive()) {
            throw new IllegalStateException("redis-server on port " + port + " is not running");
        }
        try {
            Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                fail("kill " + signal + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run kill", e);
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
        for (String entry : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(entry.isEmpty() ? "." : entry, "redis-server");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return fail("redis-server is not on PATH (" + path + "): the failure tests start their own Redis; "
                + "install it, e.g. apt-get install redis-server");
    }

    private static String readLog(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
