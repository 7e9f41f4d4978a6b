package io.chatplatform.adapter.http;

import static io.chatplatform.testkit.Waits.eventually;

import io.chatplatform.testkit.LiveClient;
import java.util.Map;

/** The test kit's {@link LiveClient} on a {@link TestServer}, with the ways these tests connect. */
final class LiveClients {

    private LiveClients() {
    }

    static LiveClient.Builder builder(TestServer api) {
        return LiveClient.to(api.wsUri(""));
    }

    /** Connects to {@code /ws} without credentials. */
    static LiveClient connect(TestServer api) {
        return builder(api).connect();
    }

    /** Connects with {@code Authorization: Bearer <token>} and waits for {@code ready}. */
    static LiveClient authenticated(TestServer api, TestServer.Session user) {
        LiveClient client = builder(api).bearer(user.token()).connect();
        client.expect("ready");
        return client;
    }

    /** Connects with the header, waits for {@code ready} and goes live at once (a ping ends the wait for a resume). */
    static LiveClient live(TestServer api, TestServer.Session user) {
        LiveClient client = authenticated(api, user);
        client.send(Map.of("type", "ping"));
        client.expect("pong");
        return client;
    }

    /** Waits until the server holds no connection of {@code user} any more (it has forgotten the closed ones). */
    static void awaitNoConnectionOf(TestServer api, TestServer.Session user) {
        eventually("the server forgetting every connection of " + user.username())
                .until(() -> api.server.liveConnections().stream()
                        .noneMatch(c -> c.user() != null && c.user().value() == user.id()));
    }
}
