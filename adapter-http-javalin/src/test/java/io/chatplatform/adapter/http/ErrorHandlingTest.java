package io.chatplatform.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.chatplatform.adapter.http.TestServer.Reply;
import io.chatplatform.adapter.http.TestServer.Session;
import io.chatplatform.application.ChatApplication;
import io.chatplatform.application.fixtures.InMemoryChat;
import io.chatplatform.application.port.out.StoreUnavailableException;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Errors, request ids and logging")
class ErrorHandlingTest {

    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    private final TestServer api = startFaulty();

    /**
     * The in-memory application, except that counting unread messages fails with a bug and
     * listing conversations finds the store unavailable.
     */
    private static TestServer startFaulty() {
        InMemoryChat chat = new InMemoryChat();
        ChatApplication ok = chat.app;
        ChatApplication faulty = new ChatApplication(ok.registerUser(), ok.logIn(), ok.authenticate(),
                ok.recordActivity(), ok.viewOwnProfile(), ok.updateProfile(), ok.viewProfile(), ok.searchUsers(),
                ok.listOnlineUsers(), ok.sendMessage(), ok.readHistory(), ok.markRead(),
                query -> {
                    throw new StoreUnavailableException("connection refused by db-1:5432",
                            new ConnectException("refused"));
                },
                owner -> {
                    throw new IllegalStateException("bug with internal detail s3cr3t-internal");
                },
                ok.viewCacheStats(), ok.openLiveConnection(), ok.changeMessage(), ok.markDelivered(),
                ok.refreshSession(), ok.manageSessions(), ok.blockUsers(), ok.deleteAccount(), ok.exportAccount());
        HttpSettings small = new HttpSettings("127.0.0.1", 0, "test", false, 1024);
        return TestServer.start(chat, faulty, TestServer.HEALTHY, small);
    }

    @AfterAll
    void stop() {
        api.close();
    }

    @Test
    @DisplayName("an unknown route answers 404 {\"detail\": \"Not Found\"} as JSON, whatever the client accepts")
    void unknownRoute() {
        Expect.detail(api.get("/no/such/route"), 404, "Not Found");
        Expect.detail(api.request("GET", "/nope").header("Accept", "text/html").send(), 404, "Not Found");
        Expect.detail(api.get("/webjars/no-such-webjar/1.0/x.js"), 404, "Not Found");
    }

    @Test
    @DisplayName("a known path with the wrong method answers 405 {\"detail\": \"Method Not Allowed\"} and says what is allowed")
    void wrongMethod() {
        Reply reply = api.request("DELETE", "/send").send();

        Expect.detail(reply, 405, "Method Not Allowed");
        assertThat(reply.header("allow")).contains("POST");
        Expect.detail(api.get("/send"), 405, "Method Not Allowed");
        Expect.detail(api.request("PUT", "/users/me").send(), 405, "Method Not Allowed");
    }

    @Test
    @DisplayName("a body over the size limit answers 413 as JSON")
    void oversizedBody() {
        String big = "x".repeat(2000);

        Expect.detail(api.request("POST", "/register").json("{\"username\": \"" + big + "\"}").send(),
                413, "Content Too Large");
        Expect.detail(api.request("POST", "/login").form(Map.of("username", big, "password", "p")).send(),
                413, "Content Too Large");
    }

    @Test
    @DisplayName("an unexpected fault answers 500 with a request id and no internals, and logs an ERROR line with the same id")
    void unexpectedFault() {
        Session user = api.signUp("unlucky");
        Reply reply;
        try (LogCapture log = new LogCapture("io.chatplatform.adapter.http", Level.INFO)) {
            reply = api.get("/unread-count", user.token());

            String requestId = reply.header("x-request-id");
            Expect.reply(reply, 500, TestServer.json(Map.of("detail", "Internal Server Error", "request_id", requestId)));
            assertThat(log.events()).anySatisfy(event -> {
                assertThat(event.getLevel()).isEqualTo(Level.ERROR);
                assertThat(event.getFormattedMessage()).contains("request_id=" + requestId).contains("/unread-count");
                assertThat(event.getThrowableProxy().getMessage()).contains("s3cr3t-internal");
            });
        }
        assertThat(reply.body()).doesNotContain("s3cr3t-internal").doesNotContain("IllegalStateException")
                .doesNotContain("at io.");
    }

    @Test
    @DisplayName("an unavailable store answers 503 'Service temporarily unavailable' with a request id")
    void storeUnavailable() {
        Session user = api.signUp("patient");

        Reply reply = api.get("/conversations", user.token());

        Expect.reply(reply, 503, TestServer.json(Map.of("detail", "Service temporarily unavailable",
                "request_id", reply.header("x-request-id"))));
        assertThat(reply.body()).doesNotContain("db-1");
    }

    @Test
    @DisplayName("headers over the server's limit answer 431 as JSON, before any route sees them")
    void headersTooLarge() {
        RawHttp.Answer answer = raw("GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n");

        expectJson(answer, 431, "{\"detail\": \"Request Header Fields Too Large\"}");
        assertThat(answer.header("x-request-id")).matches(UUID);
    }

    @Test
    @DisplayName("a URI over the server's limit answers 414 as JSON")
    void uriTooLong() {
        RawHttp.Answer answer = raw("GET /health?q=" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        expectJson(answer, 414, "{\"detail\": \"URI Too Long\"}");
    }

    @Test
    @DisplayName("%00, a bad percent-encoding or an escape from the root in a path answer 400 as JSON")
    void badPaths() {
        for (String path : List.of("/users/%00", "/%zz", "/users/%G1", "/../etc/passwd")) {
            RawHttp.Answer answer = raw("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

            expectJson(answer, 400, "{\"detail\": \"Bad Request\"}");
        }
    }

    @Test
    @DisplayName("a request Jetty cannot parse (garbage request line, no Host, a broken header, two lengths) answers 400 as JSON")
    void unparsableRequests() {
        // without "Connection: close": the exchange returns only because the server closes a connection it cannot frame
        for (String request : List.of(
                "GARBAGE\r\n\r\n",
                "GET / HTTP/1.1\r\n\r\n",
                "GET /health HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n",
                "POST /send HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
                "POST /send HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n")) {
            RawHttp.Answer answer = raw(request);

            expectJson(answer, 400, "{\"detail\": \"Bad Request\"}");
        }
    }

    @Test
    @DisplayName("a badly escaped query parameter is not refused by Jetty: it counts as absent, which the route reports")
    void badlyEscapedQueryParameter() {
        Session user = api.signUp("escaped");
        RawHttp.Answer answer = raw("GET /messages?with_user_id=%zz HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                + user.token() + "\r\nConnection: close\r\n\r\n");

        expectJson(answer, 422, """
                {"detail": [{"loc": ["query", "with_user_id"], "msg": "Field required", "type": "missing"}]}""");
    }

    @Test
    @DisplayName("an HTTP version the server does not speak answers 505 as JSON, with the request id like every 5xx")
    void unknownHttpVersion() {
        RawHttp.Answer answer = raw("GET /health HTTP/9.9\r\nHost: x\r\nConnection: close\r\n\r\n");

        expectJson(answer, 505, TestServer.json(Map.of("detail", "HTTP Version Not Supported",
                "request_id", answer.header("x-request-id"))));
    }

    @Test
    @DisplayName("a HEAD refused before routing gets the status and no body")
    void headRefusedBeforeRouting() {
        RawHttp.Answer answer = raw("HEAD /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n");

        assertThat(answer.status()).isEqualTo(431);
        assertThat(answer.body()).isEmpty();
    }

    private RawHttp.Answer raw(String request) {
        return RawHttp.exchange(api.server.port(), request);
    }

    private static void expectJson(RawHttp.Answer answer, int status, String json) {
        assertThat(answer.status()).as("status of %s", answer).isEqualTo(status);
        assertThat(answer.header("content-type")).as("content type of %s", answer).startsWith("application/json");
        assertThat(TestServer.parse(answer.body())).as("body of %s", answer).isEqualTo(TestServer.parse(json));
        assertThat(answer.body()).doesNotContain("<html").doesNotContain("at org.");
    }

    @Test
    @DisplayName("a safe incoming X-Request-Id is echoed")
    void honoursRequestId() {
        Reply reply = api.request("GET", "/health").header("X-Request-Id", "trace-42.abc:1").send();

        assertThat(reply.header("x-request-id")).isEqualTo("trace-42.abc:1");
    }

    @Test
    @DisplayName("a missing, unsafe or too long X-Request-Id is replaced by a new UUID, on errors too")
    void generatesRequestId() {
        assertThat(api.get("/health").header("x-request-id")).matches(UUID);
        assertThat(api.request("GET", "/health").header("X-Request-Id", "two words").send().header("x-request-id"))
                .matches(UUID);
        assertThat(api.request("GET", "/health").header("X-Request-Id", "a".repeat(129)).send().header("x-request-id"))
                .matches(UUID);
        assertThat(api.get("/no/such/route").header("x-request-id")).matches(UUID);
        assertThat(api.get("/users/me").header("x-request-id")).matches(UUID);
        assertThat(api.get("/health").header("x-request-id")).isNotEqualTo(api.get("/health").header("x-request-id"));
    }

    @Test
    @DisplayName("passwords, tokens and message contents never reach the log")
    void noSecretsInLogs() {
        String password = "Pa55word-never-logged";
        String content = "content-never-logged";
        try (LogCapture all = new LogCapture("ROOT", Level.INFO);
             LogCapture ours = new LogCapture("io.chatplatform.adapter.http", Level.DEBUG)) {
            String username = InMemoryChat.uniqueName("secretive");
            api.request("POST", "/register").json(TestServer.json(Map.of("username", username,
                    "email", username + "@example.com", "password", password))).send();
            api.request("POST", "/register").json(TestServer.json(Map.of("username", "x",
                    "email", "bad", "password", password + "x".repeat(80)))).send();
            String token = api.logIn(username, password);
            api.request("POST", "/login").form(Map.of("username", username, "password", password + "-wrong")).send();
            TestServer.Session recipient = api.signUp("recipient");
            Reply sent = api.post("/send", "{\"recipient_id\": " + recipient.id() + ", \"content\": \"" + content + "\"}", token);
            api.get("/messages?with_user_id=1&token=" + TestServer.encode(token));
            api.get("/unread-count", token);

            assertThat(ours.lines()).as("the access log ran").anyMatch(line -> line.contains("POST /send"));
            // sent, so the content went all the way through the service and its logging
            assertThat(sent.status()).isEqualTo(200);
            List<String> lines = new ArrayList<>(all.lines());
            lines.addAll(ours.lines());
            for (String line : lines) {
                assertThat(line).doesNotContain(password).doesNotContain(token).doesNotContain(content);
            }
        }
    }
}
