package io.chatplatform.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.chatplatform.adapter.http.internal.pipeline.JettyErrors;
import java.net.InetSocketAddress;
import java.util.Map;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A fault that escapes Javalin's own error mapping reaches Jetty, whose error handler answers it.
 * Javalin catches what routes throw, so this runs {@link JettyErrors} in a bare Jetty whose only
 * handler fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Faults answered by Jetty itself")
class JettyErrorsTest {

    private final Server server = new Server(new InetSocketAddress("127.0.0.1", 0));

    @BeforeAll
    void start() throws Exception {
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                throw new IllegalStateException("bug with internal detail s3cr3t-internal");
            }
        });
        server.setErrorHandler(new JettyErrors());
        server.start();
    }

    @AfterAll
    void stop() throws Exception {
        server.stop();
    }

    private RawHttp.Answer get(String extraHeaders) {
        int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        return RawHttp.exchange(port, "GET /anything HTTP/1.1\r\nHost: x\r\n" + extraHeaders + "Connection: close\r\n\r\n");
    }

    @Test
    @DisplayName("answer 500 as JSON with a request id and no internals, and log an ERROR with the same id and the cause")
    void faultEscapingJavalin() {
        RawHttp.Answer answer;
        try (LogCapture log = new LogCapture(JettyErrors.class.getName(), Level.DEBUG)) {
            answer = get("");

            String requestId = answer.header("x-request-id");
            assertThat(answer.status()).isEqualTo(500);
            assertThat(answer.header("content-type")).startsWith("application/json");
            assertThat(TestServer.parse(answer.body())).isEqualTo(TestServer.parse(TestServer.json(
                    Map.of("detail", "Internal Server Error", "request_id", requestId))));
            assertThat(log.events()).anySatisfy(event -> {
                assertThat(event.getLevel()).isEqualTo(Level.ERROR);
                assertThat(event.getFormattedMessage()).contains("request_id=" + requestId).contains("/anything");
                assertThat(event.getThrowableProxy().getMessage()).contains("s3cr3t-internal");
            });
        }
        assertThat(answer.body()).doesNotContain("s3cr3t-internal").doesNotContain("IllegalStateException")
                .doesNotContain("at org.").doesNotContain("<html");
    }

    @Test
    @DisplayName("echo a safe incoming X-Request-Id in the header and the body, and replace an unsafe one")
    void requestIds() {
        RawHttp.Answer echoed = get("X-Request-Id: trace-42\r\n");
        assertThat(echoed.header("x-request-id")).isEqualTo("trace-42");
        assertThat(TestServer.parse(echoed.body()).get("request_id").asText()).isEqualTo("trace-42");

        RawHttp.Answer replaced = get("X-Request-Id: two words\r\n");
        assertThat(replaced.header("x-request-id")).matches("[0-9a-f-]{36}");
    }
}
