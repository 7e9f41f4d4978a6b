package io.chatplatform.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatplatform.adapter.http.TestServer.Reply;

/** Assertions on whole answers: status and exact JSON body. */
final class Expect {

    private Expect() {
    }

    /** The reply has this status and a JSON body equal to {@code json} (member order aside). */
    static void reply(Reply reply, int status, String json) {
        assertThat(reply.status()).as("status of %s", reply).isEqualTo(status);
        assertThat(reply.header("content-type")).as("content type of %s", reply).startsWith("application/json");
        assertThat(reply.json()).as("body of %s", reply).isEqualTo(TestServer.parse(json));
    }

    /** {@code {"detail": detail}} with this status. */
    static void detail(Reply reply, int status, String detail) {
        reply(reply, status, TestServer.json(java.util.Map.of("detail", detail)));
    }

    /** A 422 with exactly one error. */
    static void invalid(Reply reply, String where, String field, String msg, String type) {
        reply(reply, 422, """
                {"detail": [{"loc": ["%s", "%s"], "msg": %s, "type": "%s"}]}"""
                .formatted(where, field, TestServer.json(msg), type));
    }
}
