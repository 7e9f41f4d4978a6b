package io.chatplatform.adapter.http;

import static io.chatplatform.testkit.Waits.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import io.chatplatform.adapter.http.TestServer.Reply;
import io.chatplatform.adapter.http.TestServer.Session;
import io.chatplatform.application.ChatApplication;
import io.chatplatform.application.fixtures.InMemoryChat;
import io.chatplatform.application.port.in.ExportAccount;
import io.chatplatform.application.port.out.StoreUnavailableException;
import io.chatplatform.domain.conversation.InboxEntry;
import io.chatplatform.domain.message.Message;
import io.chatplatform.domain.user.Account;
import io.chatplatform.domain.user.User;
import io.chatplatform.domain.user.UserId;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("GET /users/me/export")
class ExportTest {

    /** More than one page of the export's conversation list (100). */
    private static final int PEERS = 130;
    /** More than two pages of one history (100 each). */
    private static final int LONG_HISTORY = 250;

    private final TestServer api = TestServer.start();
    private Session owner;
    private Session talker;
    private Session leaver;
    private final Set<Long> peers = new HashSet<>();
    private long tombstone;

    /**
     * The owner has a conversation with each of {@link #PEERS} users (one message each, half of them
     * the owner's), a long one with the talker (one of whose messages the owner deleted), notes to
     * self, and one with a user who deleted their account.
     */
    @BeforeAll
    void populate() {
        owner = api.signUp("owner");
        User ownerUser = api.chat.users.byId(UserId.of(owner.id())).orElseThrow();
        for (int i = 0; i < PEERS; i++) {
            User peer = api.chat.register("peer");
            peers.add(peer.id().value());
            if (i % 2 == 0) {
                api.chat.send(peer, ownerUser, "hello owner " + i);
            } else {
                api.chat.send(ownerUser, peer, "hello peer " + i + " \"quoted\" ✓ 👍");
            }
        }
        talker = api.signUp("talker");
        User talkerUser = api.chat.users.byId(UserId.of(talker.id())).orElseThrow();
        for (int i = 0; i < LONG_HISTORY; i++) {
            api.chat.send(i % 3 == 0 ? talkerUser : ownerUser, i % 3 == 0 ? ownerUser : talkerUser, "line " + i);
        }
        tombstone = api.send(owner, talker, "regretted");
        assertThat(api.request("DELETE", "/messages/" + tombstone).bearer(owner.token()).send().status()).isEqualTo(204);
        api.send(owner, owner, "a note to self");
        leaver = api.signUp("leaver");
        api.send(leaver, owner, "goodbye");
        assertThat(api.request("DELETE", "/users/me").bearer(leaver.token())
                .json(TestServer.json(Map.of("password", TestServer.PASSWORD))).send().status()).isEqualTo(204);
        eventually("the leaver's erasure reaching the owner's conversation list").until(() ->
                api.get("/conversations?limit=1000", owner.token()).json().findValues("peer_deleted").stream()
                        .anyMatch(JsonNode::asBoolean));
    }

    @AfterAll
    void stop() {
        api.close();
    }

    /** Every message of the owner's conversation with {@code peer}, newest first, paging GET /messages by before_id. */
    private List<JsonNode> history(long peer) {
        List<JsonNode> all = new ArrayList<>();
        String cursor = "";
        while (true) {
            JsonNode page = api.get("/messages?limit=100&with_user_id=" + peer + cursor, owner.token()).json();
            page.forEach(all::add);
            if (page.size() < 100) {
                return all;
            }
            cursor = "&before_id=" + page.get(page.size() - 1).get("id").asLong();
        }
    }

    @Test
    @DisplayName("answers 200 JSON as a chunked attachment: no Content-Length")
    void headers() {
        Reply reply = api.get("/users/me/export", owner.token());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("content-type")).startsWith("application/json");
        assertThat(reply.header("content-disposition")).isEqualTo("attachment; filename=\"chat-export.json\"");
        assertThat(reply.header("content-length")).isNull();
        assertThat(reply.header("transfer-encoding")).isEqualTo("chunked");
        assertThat(reply.header("x-request-id")).isNotBlank();
    }

    @Test
    @DisplayName("holds the profile and sessions as their routes show them, and every conversation with every message")
    void contents() {
        Reply reply = api.get("/users/me/export", owner.token());
        JsonNode export = reply.json();

        assertThat(OwnProfileTest.fieldNames(export)).containsExactly("exported_at", "profile", "sessions", "conversations");
        assertThat(export.get("exported_at").asText()).matches(OwnProfileTest.TIMESTAMP);
        assertThat(export.get("profile")).isEqualTo(api.get("/users/me", owner.token()).json());
        assertThat(export.get("sessions")).isEqualTo(api.get("/sessions", owner.token()).json());

        JsonNode conversations = export.get("conversations");
        Map<Long, JsonNode> byPeer = new java.util.HashMap<>();
        conversations.forEach(c -> byPeer.put(c.get("user_id").asLong(), c));
        assertThat(byPeer).hasSize(conversations.size()).hasSize(PEERS + 3);
        assertThat(byPeer.keySet()).containsAll(peers).contains(talker.id(), owner.id(), leaver.id());
        for (JsonNode line : api.get("/conversations?limit=1000", owner.token()).json()) {
            JsonNode exported = byPeer.get(line.get("user_id").asLong());
            assertThat(OwnProfileTest.fieldNames(exported)).containsExactly("user_id", "username", "peer_deleted", "messages");
            assertThat(exported.get("username")).isEqualTo(line.get("username"));
            assertThat(exported.get("peer_deleted")).isEqualTo(line.get("peer_deleted"));
        }

        JsonNode longOne = byPeer.get(talker.id()).get("messages");
        assertThat(longOne).hasSize(LONG_HISTORY + 1);
        assertThat(list(longOne)).isEqualTo(history(talker.id()));
        assertThat(list(longOne).stream().filter(m -> m.get("id").asLong() == tombstone).findFirst().orElseThrow()
                .get("content").isNull()).isTrue();
        for (long peer : peers) {
            assertThat(list(byPeer.get(peer).get("messages"))).as("peer %d", peer).isEqualTo(history(peer)).hasSize(1);
        }
        assertThat(byPeer.get(owner.id()).get("messages").get(0).get("content").asText()).isEqualTo("a note to self");
        JsonNode gone = byPeer.get(leaver.id());
        assertThat(gone.get("peer_deleted").asBoolean()).isTrue();
        assertThat(gone.get("username").asText()).isEqualTo("deleted_user");
        assertThat(gone.get("messages").get(0).get("content").isNull()).isTrue();
    }

    @Test
    @DisplayName("has the shape the OpenAPI document gives it; every session says whether it is the current one")
    void shapeAsDocumented() {
        Session other = api.anotherSession(owner);
        JsonNode export = api.get("/users/me/export", other.token()).json();
        JsonNode doc = api.get("/openapi.json").json();

        assertThat(OwnProfileTest.fieldNames(export))
                .containsExactlyElementsOf(OwnProfileTest.fieldNames(doc.at("/components/schemas/AccountExportView/properties")));
        assertThat(OwnProfileTest.fieldNames(export.at("/conversations/0"))).containsExactlyElementsOf(
                OwnProfileTest.fieldNames(doc.at("/components/schemas/ExportedConversationView/properties")));
        assertThat(doc.at("/paths/~1users~1me~1export/get/responses/200/headers/Content-Disposition").isMissingNode())
                .isFalse();
        List<JsonNode> current = list(export.get("sessions")).stream().filter(s -> s.get("current").asBoolean()).toList();
        assertThat(current).hasSize(1);
        assertThat(api.get("/sessions", other.token()).json()).isEqualTo(export.get("sessions"));
    }

    @Test
    @DisplayName("a user without conversations gets an empty list")
    void empty() {
        Session loner = api.signUp("loner");

        JsonNode export = api.get("/users/me/export", loner.token()).json();

        assertThat(export.get("conversations")).isEmpty();
        assertThat(export.get("profile").get("id").asLong()).isEqualTo(loner.id());
        assertThat(export.get("sessions")).hasSize(1);
    }

    @Test
    @DisplayName("the first bytes reach the client while the rest is still being read: nothing holds the whole body")
    void streams() throws Exception {
        CountDownLatch clientHasTheStart = new CountDownLatch(1);
        boolean[] released = new boolean[1];
        InMemoryChat chat = new InMemoryChat();
        ExportAccount gated = (caller, sink) -> chat.app.exportAccount().export(caller, new Forwarding(sink) {
            @Override
            public void conversation(InboxEntry entry) {
                if (clientHasTheStart.getCount() > 0) {
                    try {
                        released[0] = clientHasTheStart.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                super.conversation(entry);
            }
        });
        try (TestServer server = TestServer.start(chat, withExport(chat.app, gated), TestServer.HEALTHY,
                TestServer.settings())) {
            Session user = server.signUp("streamer");
            server.send(user, server.signUp("friend"), "hi");
            HttpResponse<InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    server.uri("/users/me/export")).header("Authorization", "Bearer " + user.token()).build(),
                    HttpResponse.BodyHandlers.ofInputStream());

            ByteArrayOutputStream body = new ByteArrayOutputStream();
            try (InputStream in = response.body()) {
                String marker = "\"conversations\":[";
                while (!body.toString(StandardCharsets.UTF_8).contains(marker)) {
                    int next = in.read();
                    assertThat(next).as("the start of the document, before the export goes on").isNotNegative();
                    body.write(next);
                }
                clientHasTheStart.countDown();
                in.transferTo(body);
            }

            assertThat(released[0]).as("the client read the start while the export waited").isTrue();
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(TestServer.parse(body.toString(StandardCharsets.UTF_8)).get("conversations")).hasSize(1);
        }
    }

    @Test
    @DisplayName("a store failing before the first byte is answered as anywhere: 503 with a request id")
    void failsBeforeStart() {
        InMemoryChat chat = new InMemoryChat();
        ExportAccount down = (caller, sink) -> {
            throw new StoreUnavailableException("connection refused", new ConnectException("refused"));
        };
        try (TestServer server = TestServer.start(chat, withExport(chat.app, down), TestServer.HEALTHY,
                TestServer.settings())) {
            Reply reply = server.get("/users/me/export", server.signUp("unlucky").token());

            assertThat(reply.status()).isEqualTo(503);
            assertThat(reply.json().get("detail").asText()).isEqualTo("Service temporarily unavailable");
            assertThat(reply.json().get("request_id").asText()).isEqualTo(reply.header("x-request-id"));
            assertThat(reply.header("content-disposition")).isNull();
        }
    }

    @Test
    @DisplayName("a failure after the first byte aborts the connection: the client sees a broken transfer, not a short document")
    void failsAfterStart() {
        InMemoryChat chat = new InMemoryChat();
        ExportAccount failing = (caller, sink) -> chat.app.exportAccount().export(caller, new Forwarding(sink) {
            @Override
            public void conversation(InboxEntry entry) {
                throw new StoreUnavailableException("connection reset mid-export", new ConnectException("reset"));
            }
        });
        try (TestServer server = TestServer.start(chat, withExport(chat.app, failing), TestServer.HEALTHY,
                TestServer.settings());
             LogCapture log = new LogCapture("io.chatplatform.adapter.http", Level.INFO)) {
            Session user = server.signUp("broken");
            server.send(user, user, "note");

            assertThatThrownBy(() -> server.get("/users/me/export", user.token()))
                    .isInstanceOf(UncheckedIOException.class);
            assertThat(server.get("/users/me", user.token()).status()).as("the server serves on").isEqualTo(200);
            eventually("the abort logged").until(() -> log.lines().stream().anyMatch(line -> line.startsWith(
                    "WARN Streaming the answer to GET /users/me/export failed after it started; aborting the connection"
                            + " request_id=") && line.contains("connection reset mid-export")));
        }
    }

    @Test
    @DisplayName("an account the export no longer finds is a 401, as for any token that outlived its account")
    void accountGone() {
        InMemoryChat chat = new InMemoryChat();
        ExportAccount nothing = (caller, sink) -> false;
        try (TestServer server = TestServer.start(chat, withExport(chat.app, nothing), TestServer.HEALTHY,
                TestServer.settings())) {
            Reply reply = server.get("/users/me/export", server.signUp("ghost").token());

            Expect.detail(reply, 401, "Could not validate credentials");
            assertThat(reply.header("www-authenticate")).isEqualTo("Bearer");
        }
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    /** {@code ok} with its export replaced. */
    static ChatApplication withExport(ChatApplication ok, ExportAccount export) {
        return new ChatApplication(ok.registerUser(), ok.logIn(), ok.authenticate(), ok.recordActivity(),
                ok.viewOwnProfile(), ok.updateProfile(), ok.viewProfile(), ok.searchUsers(), ok.listOnlineUsers(),
                ok.sendMessage(), ok.readHistory(), ok.markRead(), ok.listConversations(), ok.countUnread(),
                ok.viewCacheStats(), ok.openLiveConnection(), ok.changeMessage(), ok.markDelivered(),
                ok.refreshSession(), ok.manageSessions(), ok.blockUsers(), ok.deleteAccount(), export);
    }

    /** Passes everything on; tests override the piece they change. */
    private static class Forwarding implements ExportAccount.Sink {
        private final ExportAccount.Sink sink;

        Forwarding(ExportAccount.Sink sink) {
            this.sink = sink;
        }

        @Override
        public void profile(Account account) {
            sink.profile(account);
        }

        @Override
        public void sessions(List<io.chatplatform.domain.session.Session> sessions) {
            sink.sessions(sessions);
        }

        @Override
        public void conversation(InboxEntry entry) {
            sink.conversation(entry);
        }

        @Override
        public void messages(List<Message> page) {
            sink.messages(page);
        }

        @Override
        public void conversationEnd() {
            sink.conversationEnd();
        }

        @Override
        public void end() {
            sink.end();
        }
    }
}
