package io.chatplatform.bench.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.chatplatform.bench.ChatApi;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bench's HTTP client against the JDK's own small HTTP server: fixed-length and chunked bodies, statuses, headers. */
class HttpChannelTest {

    private HttpServer server;
    private URI base;
    private final List<String> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/fixed", exchange -> {
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " auth="
                    + exchange.getRequestHeaders().getFirst("Authorization") + " body="
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/chunked", exchange -> {
            exchange.sendResponseHeaders(200, 0); // length unknown: chunked
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 100; i++) {
                    out.write("0123456789".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            }
        });
        server.createContext("/messages", exchange -> {
            byte[] request = exchange.getRequestBody().readAllBytes();
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath() + " decoded="
                    + exchange.getRequestURI().getPath() + " length="
                    + exchange.getRequestHeaders().getFirst("Content-Length") + " body="
                    + new String(request, StandardCharsets.UTF_8));
            if (exchange.getRequestMethod().equals("DELETE") && !exchange.getRequestURI().getPath().contains("/reactions/")) {
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
                return;
            }
            byte[] body = "{\"id\":5}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/missing", exchange -> {
            byte[] body = "{\"detail\":\"Not Found\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void getsAndPostsOnOneKeptAliveChannel() throws IOException {
        try (HttpChannel ch = new HttpChannel(base, Duration.ofSeconds(5))) {
            HttpChannel.Response get = ch.get("/fixed?x=1", "tok");
            assertThat(get.status()).isEqualTo(200);
            assertThat(get.text()).isEqualTo("{\"ok\":true}");
            HttpChannel.Response post = ch.post("/fixed", null, "application/json",
                    "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
            assertThat(post.ok()).isTrue();
            HttpChannel.Response chunked = ch.get("/chunked", null);
            assertThat(chunked.body()).hasSize(1000);
            HttpChannel.Response missing = ch.get("/missing", null);
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.ok()).isFalse();
            assertThat(missing.text()).contains("Not Found");
            assertThat(ch.get("/fixed", null).status()).isEqualTo(200);
        }
        assertThat(seen).contains("GET /fixed?x=1 auth=Bearer tok body=", "POST /fixed auth=null body={\"a\":1}");
    }

    @Test
    void patchesPutsAndDeletesAsTheChangeRoutesNeedThem() throws IOException {
        String family = "\uD83D\uDC69\u200D\uD83D\uDC69\u200D\uD83D\uDC67\u200D\uD83D\uDC66";
        try (HttpChannel ch = new HttpChannel(base, Duration.ofSeconds(5))) {
            assertThat(ChatApi.edit(ch, "tok", 5, "new \"text\" ✓").text()).isEqualTo("{\"id\":5}");
            assertThat(ChatApi.react(ch, "tok", 5, family).status()).isEqualTo(200);
            assertThat(ChatApi.unreact(ch, "tok", 5, "\uD83D\uDC4D\uD83C\uDFFD").status()).isEqualTo(200);
            HttpChannel.Response deleted = ch.delete("/messages/5", "tok");
            assertThat(deleted.status()).isEqualTo(204);
            assertThat(deleted.body()).isEmpty();
            assertThat(ch.get("/fixed", null).status()).as("the connection is still usable after a 204").isEqualTo(200);
        }
        assertThat(seen).containsExactly(
                "PATCH /messages/5 decoded=/messages/5 length=" + "{\"content\":\"new \\\"text\\\" ✓\"}"
                        .getBytes(StandardCharsets.UTF_8).length + " body={\"content\":\"new \\\"text\\\" ✓\"}",
                "PUT /messages/5/reactions/%F0%9F%91%A9%E2%80%8D%F0%9F%91%A9%E2%80%8D%F0%9F%91%A7%E2%80%8D%F0%9F%91%A6"
                        + " decoded=/messages/5/reactions/" + family + " length=0 body=",
                "DELETE /messages/5/reactions/%F0%9F%91%8D%F0%9F%8F%BD decoded=/messages/5/reactions/"
                        + "\uD83D\uDC4D\uD83C\uDFFD length=null body=",
                "DELETE /messages/5 decoded=/messages/5 length=null body=",
                "GET /fixed auth=null body=");
    }

    @Test
    void aStaleConnectionRetriesIdempotentRequestsButNeverAPatch() throws Exception {
        try (OneRequestPerConnection closing = new OneRequestPerConnection();
             HttpChannel ch = new HttpChannel(closing.base(), Duration.ofSeconds(5))) {
            assertThat(ch.put("/messages/1/reactions/x", null).status()).isEqualTo(200);
            // the server closed the connection after answering: PUT and DELETE go again on a new one
            assertThat(ch.put("/messages/2/reactions/x", null).status()).isEqualTo(200);
            assertThat(ch.delete("/messages/3/reactions/x", null).status()).isEqualTo(200);
            // a PATCH may have been applied: it is not sent twice, the caller sees the failure
            assertThatThrownBy(() -> ch.patch("/messages/4", null, "application/json",
                    "{}".getBytes(StandardCharsets.UTF_8))).isInstanceOf(IOException.class);
            assertThat(closing.requests()).containsExactly("PUT /messages/1/reactions/x", "PUT /messages/2/reactions/x",
                    "DELETE /messages/3/reactions/x");
        }
    }

    @Test
    void aRefusedConnectionIsAnIoError() {
        server.stop(0);
        try (HttpChannel ch = new HttpChannel(base, Duration.ofSeconds(2))) {
            assertThatThrownBy(() -> ch.get("/fixed", null)).isInstanceOf(IOException.class)
                    .satisfies(e -> assertThat(HttpChannel.errorKind(e)).isIn("connect", "io"));
        }
    }

    /**
     * A server that answers the first request of each connection, keep-alive, and then closes it, as
     * a server does with an idle kept-alive connection.
     */
    private static final class OneRequestPerConnection implements AutoCloseable {

        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<String> requests = new CopyOnWriteArrayList<>();
        private final Thread acceptor = new Thread(this::serve, "one-request-per-connection");

        OneRequestPerConnection() throws IOException {
            acceptor.setDaemon(true);
            acceptor.start();
        }

        URI base() {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/");
        }

        List<String> requests() {
            return requests;
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (Socket connection = socket.accept()) {
                    BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(),
                            StandardCharsets.ISO_8859_1));
                    String requestLine = in.readLine();
                    int length = 0;
                    for (String header = in.readLine(); header != null && !header.isEmpty(); header = in.readLine()) {
                        if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                            length = Integer.parseInt(header.substring(15).trim());
                        }
                    }
                    in.skip(length);
                    requests.add(requestLine.substring(0, requestLine.lastIndexOf(' ')));
                    connection.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
                            .getBytes(StandardCharsets.ISO_8859_1));
                    connection.getOutputStream().flush();
                } catch (IOException e) {
                    // closed: the test is over
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void onlyPlainHttpIsSpoken() {
        assertThatThrownBy(() -> new HttpChannel(URI.create("https://example.com/"), Duration.ofSeconds(1)))
                .hasMessageContaining("plain http only");
    }
}
