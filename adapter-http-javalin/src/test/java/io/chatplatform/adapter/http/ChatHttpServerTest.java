package io.chatplatform.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatplatform.application.fixtures.InMemoryChat;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ChatHttpServer")
class ChatHttpServerTest {

    @Test
    @DisplayName("asking for virtual threads works on any JVM (Javalin falls back to platform threads without them)")
    void virtualThreads() {
        HttpSettings settings = new HttpSettings("127.0.0.1", 0, "vt", true, HttpSettings.DEFAULT_MAX_REQUEST_BYTES);
        try (TestServer api = TestServer.start(settings)) {
            assertThat(api.get("/health").status()).isEqualTo(200);
            assertThat(api.signUp("threaded").token()).isNotBlank();
        }
    }

    @Test
    @DisplayName("port 0 picks a free port, and closing releases it")
    void closes() {
        InMemoryChat chat = new InMemoryChat();
        ChatHttpServer server = ChatHttpServer.start(TestServer.settings(), chat.app, TestServer.HEALTHY);
        int port = server.port();
        assertThat(port).isPositive();

        server.close();

        assertThatThrownBy(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            }
        }).isInstanceOf(ConnectException.class);
    }

    @Test
    @DisplayName("a port in use fails the start")
    void portInUse() throws IOException {
        InMemoryChat chat = new InMemoryChat();
        try (ChatHttpServer first = ChatHttpServer.start(TestServer.settings(), chat.app, TestServer.HEALTHY)) {
            HttpSettings same = new HttpSettings("127.0.0.1", first.port(), "x", false, 1024);

            assertThatThrownBy(() -> ChatHttpServer.start(same, chat.app, TestServer.HEALTHY))
                    .hasMessageContaining("Port already in use");
        }
    }
}
