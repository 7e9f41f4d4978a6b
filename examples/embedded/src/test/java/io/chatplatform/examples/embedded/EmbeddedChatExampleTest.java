package io.chatplatform.examples.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EmbeddedChatExampleTest {

    @Test
    @DisplayName("the example registers two users, who talk, and prints their conversation and alice's list")
    void runs_a_conversation() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            EmbeddedChatExample.main(new String[0]);
        } finally {
            System.setOut(original);
        }

        assertThat(captured.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "alice and bob, newest first:",
                "  bob: Hi Alice, all well?",
                "  alice: Hi Bob!",
                "alice's conversations:",
                "  bob, 1 unread");
    }
}
