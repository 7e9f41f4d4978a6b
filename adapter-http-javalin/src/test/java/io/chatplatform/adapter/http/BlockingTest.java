package io.chatplatform.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatplatform.adapter.http.TestServer.Reply;
import io.chatplatform.adapter.http.TestServer.Session;
import io.chatplatform.application.port.in.BlockUsers;
import io.chatplatform.domain.block.BlockPolicy;
import io.chatplatform.domain.user.User;
import io.chatplatform.domain.user.UserId;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Blocking: PUT and DELETE /users/{id}/block, GET /users/me/blocks, and what a block refuses")
class BlockingTest {

    private final TestServer api = TestServer.start();

    @AfterAll
    void stop() {
        api.close();
    }

    private Reply block(Session who, Object target) {
        return api.request("PUT", "/users/" + target + "/block").bearer(who.token()).send();
    }

    private Reply unblock(Session who, Object target) {
        return api.request("DELETE", "/users/" + target + "/block").bearer(who.token()).send();
    }

    private Reply send(Session from, Session to, String content) {
        return api.post("/send", TestServer.json(Map.of("recipient_id", to.id(), "content", content)), from.token());
    }

    private static String entry(Session user) {
        return TestServer.json(Map.of("id", user.id(), "username", user.username()));
    }

    @Test
    @DisplayName("blocking answers 204 and lists the user; again changes nothing; unblocking answers 204 and empties the list")
    void blockAndUnblock() {
        Session alice = api.signUp("alice");
        Session bob = api.signUp("bob");
        Session carol = api.signUp("carol");

        Reply blocked = block(alice, bob.id());

        assertThat(blocked.status()).isEqualTo(204);
        assertThat(blocked.bytes()).isEmpty();
        assertThat(block(alice, carol.id()).status()).isEqualTo(204);
        assertThat(block(alice, bob.id()).status()).isEqualTo(204);
        Reply list = api.get("/users/me/blocks", alice.token());
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json()).isEqualTo(TestServer.parse("[" + entry(bob) + ", " + entry(carol) + "]"));
        Expect.reply(api.get("/users/me/blocks", bob.token()), 200, "[]");

        assertThat(unblock(alice, bob.id()).status()).isEqualTo(204);
        assertThat(unblock(alice, bob.id()).status()).isEqualTo(204);
        Expect.reply(api.get("/users/me/blocks", alice.token()), 200, "[" + entry(carol) + "]");
    }

    @Test
    @DisplayName("an unknown user is 404, oneself 422 naming user_id, a non-numeric id 422")
    void badTargets() {
        Session dave = api.signUp("dave");

        Expect.detail(block(dave, 9_000_000), 404, "User not found");
        Expect.detail(unblock(dave, 9_000_000), 404, "User not found");
        Expect.invalid(block(dave, dave.id()), "path", "user_id", "You cannot block yourself", "value_error");
        Expect.invalid(unblock(dave, dave.id()), "path", "user_id", "You cannot unblock yourself", "value_error");
        Expect.invalid(block(dave, "bob"), "path", "user_id",
                "Input should be a valid integer, unable to parse string as an integer", "int_parsing");
        Expect.invalid(unblock(dave, "1.5"), "path", "user_id",
                "Input should be a valid integer, unable to parse string as an integer", "int_parsing");
        Expect.reply(api.get("/users/me/blocks", dave.token()), 200, "[]");
    }

    @Test
    @DisplayName("a blocked user's send is 403 'You cannot message this user', the blocker's 403 'Unblock this user to message them'; nothing is stored")
    void blockedSend() {
        Session erin = api.signUp("erin");
        Session frank = api.signUp("frank");
        long before = api.send(erin, frank, "hello before the block");
        assertThat(block(frank, erin.id()).status()).isEqualTo(204);

        Expect.detail(send(erin, frank, "let me explain"), 403, "You cannot message this user");
        Expect.detail(send(frank, erin, "on second thought"), 403, "Unblock this user to message them");

        Reply history = api.get("/messages?with_user_id=" + frank.id(), erin.token());
        assertThat(history.json().findValues("id").stream().map(n -> n.asLong()).toList()).containsExactly(before);
        assertThat(unblock(frank, erin.id()).status()).isEqualTo(204);
        assertThat(send(erin, frank, "thanks").status()).isEqualTo(200);
        assertThat(send(frank, erin, "sure").status()).isEqualTo(200);
    }

    @Test
    @DisplayName("the blocker leaves the blocked user's search; the blocked user stays in the blocker's")
    void search() {
        Session ivy = api.signUp("ivy");
        Session jack = api.signUp("jack");
        assertThat(block(jack, ivy.id()).status()).isEqualTo(204);

        Reply byIvy = api.get("/users/search?query=" + jack.username(), ivy.token());
        Reply byJack = api.get("/users/search?query=" + ivy.username(), jack.token());

        assertThat(byIvy.json().findValues("id").stream().map(n -> n.asLong())).doesNotContain(jack.id());
        assertThat(byJack.json().findValues("id").stream().map(n -> n.asLong())).contains(ivy.id());
    }

    @Test
    @DisplayName("past the most users one may block, a new block is 409; blocking one already blocked, and unblocking, still work")
    void tooManyBlocked() {
        Session kate = api.signUp("kate");
        UserId caller = UserId.of(kate.id());
        User last = null;
        for (int i = 0; i < BlockPolicy.MAX_BLOCKED; i++) {
            last = api.chat.register("blocked");
            assertThat(api.chat.app.blockUsers().block(caller, last.id())).isInstanceOf(BlockUsers.Done.class);
        }
        Session one = api.signUp("one_more");

        Expect.detail(block(kate, one.id()), 409, "You have blocked the maximum of " + BlockPolicy.MAX_BLOCKED + " users");
        assertThat(block(kate, last.id().value()).status()).isEqualTo(204);
        assertThat(api.get("/users/me/blocks", kate.token()).json()).hasSize(BlockPolicy.MAX_BLOCKED);
        assertThat(unblock(kate, last.id().value()).status()).isEqualTo(204);
        assertThat(block(kate, one.id()).status()).isEqualTo(204);
    }
}
