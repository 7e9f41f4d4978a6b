package io.chatplatform.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatplatform.adapter.http.internal.live.ClientMessage;
import io.chatplatform.adapter.http.internal.live.CloseCodes;
import io.chatplatform.adapter.http.internal.live.ServerFrames;
import io.chatplatform.application.port.out.ClientChannel.Live;
import io.chatplatform.application.port.out.ClientChannel.Pong;
import io.chatplatform.application.port.out.ClientChannel.Problem;
import io.chatplatform.application.port.out.ClientChannel.ResumeDone;
import io.chatplatform.application.port.out.ClientChannel.ResumeTruncated;
import io.chatplatform.application.port.out.ClientChannel.ResyncAdvised;
import io.chatplatform.domain.message.ClientMessageId;
import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.message.Emoji;
import io.chatplatform.domain.message.Message;
import io.chatplatform.domain.message.MessageContent;
import io.chatplatform.domain.message.MessageId;
import io.chatplatform.domain.message.Reactions;
import io.chatplatform.domain.realtime.CloseReason;
import io.chatplatform.domain.realtime.DeliveryMarkerMoved;
import io.chatplatform.domain.realtime.MessageCreated;
import io.chatplatform.domain.realtime.MessageDeleted;
import io.chatplatform.domain.realtime.MessageEdited;
import io.chatplatform.domain.realtime.PresenceChanged;
import io.chatplatform.domain.realtime.ReactionUpdated;
import io.chatplatform.domain.realtime.ReadMarkerMoved;
import io.chatplatform.domain.realtime.Typing;
import io.chatplatform.domain.user.UserId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** docs/realtime.md cannot rot: its examples are what the server reads and writes. */
@DisplayName("docs/realtime.md")
class RealtimeDocsTest {

    private static final Set<String> CLIENT_TYPES = Set.of("auth", "resume", "ack", "typing", "ping");
    private static final String SERVER_SECTION = "## Server messages";
    private static final UserId ALICE = UserId.of(42);
    private static final UserId BOB = UserId.of(7);
    private static final Instant NOW = Instant.parse("2026-11-27T14:31:05.123Z");

    private static String document() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("docs/realtime.md"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("a docs/realtime.md above " + Path.of("").toAbsolutePath()).isNotNull();
        return Files.readString(dir.resolve("docs/realtime.md"), StandardCharsets.UTF_8);
    }

    /** The examples of server messages: those of their section, and {@code ready} (shown where connecting is). */
    private static List<String> serverExamples(String document) {
        int start = document.indexOf(SERVER_SECTION);
        int end = document.indexOf("\n## ", start + SERVER_SECTION.length());
        assertThat(start).as("a section " + SERVER_SECTION).isNotNegative();
        List<String> examples = new ArrayList<>(jsonExamples(document.substring(start, end)));
        jsonExamples(document.substring(0, start)).stream()
                .filter(example -> TestServer.parse(example).path("type").asText().equals("ready"))
                .forEach(examples::add);
        return examples;
    }

    /** The examples of client messages: all others. */
    private static List<String> clientExamples(String document) {
        List<String> examples = new ArrayList<>(jsonExamples(document));
        examples.removeAll(serverExamples(document));
        return examples;
    }

    private static List<String> jsonExamples(String document) {
        List<String> examples = new ArrayList<>();
        Matcher blocks = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(document);
        while (blocks.find()) {
            examples.add(blocks.group(1).strip());
        }
        return examples;
    }

    /** One message of each kind the server sends, made by the code that makes them. */
    private static Map<String, JsonNode> serverMessages() {
        ConversationId conversation = ConversationId.between(ALICE, BOB);
        Message message = new Message(MessageId.of(9001), conversation, 1544, BOB, ALICE,
                MessageContent.of("hi"), NOW, Optional.of(ClientMessageId.of("c-6f1d")))
                .replyingTo(Optional.of(MessageId.of(8990)));
        Message edited = message.edited(MessageContent.of("hi there"), NOW.plusSeconds(60));
        Message reacted = edited.withReactions(Reactions.none().with(ALICE, Emoji.of("👍")));
        List<String> frames = List.of(
                ServerFrames.ready(ALICE),
                ServerFrames.of(new Live(new MessageCreated(message, 3088))),
                ServerFrames.of(new Live(new MessageEdited(edited, 3091))),
                ServerFrames.of(new Live(new MessageDeleted(edited.deleted(NOW.plusSeconds(120)), Optional.empty(), 3093))),
                ServerFrames.of(new Live(new ReactionUpdated(reacted, ALICE, 3092))),
                ServerFrames.of(new Live(new ReadMarkerMoved(conversation, ALICE, 1544, 3090))),
                ServerFrames.of(new Live(new DeliveryMarkerMoved(conversation, ALICE, 1544, 3089))),
                ServerFrames.of(new Live(new Typing(BOB, ALICE, NOW))),
                ServerFrames.of(new Live(new PresenceChanged(BOB, true, Set.of(ALICE)))),
                ServerFrames.of(new ResumeDone(37)),
                ServerFrames.of(new ResumeTruncated(BOB, 2043, 4100)),
                ServerFrames.of(new ResyncAdvised()),
                ServerFrames.of(new Pong()),
                ServerFrames.of(new Problem("invalid", "user_id: ...")));
        Map<String, JsonNode> byType = new LinkedHashMap<>();
        for (String frame : frames) {
            JsonNode json = TestServer.parse(frame);
            byType.put(json.get("type").asText(), json);
        }
        return byType;
    }

    /** Same member names in the same order, and the same JSON types, all the way down. */
    private static void assertSameShape(JsonNode documented, JsonNode sent, String where) {
        assertThat(documented.getNodeType()).as("JSON type of %s", where).isEqualTo(sent.getNodeType());
        if (sent.isObject()) {
            assertThat(LiveEventsTest.fieldNames(documented)).as("members of %s", where)
                    .containsExactlyElementsOf(LiveEventsTest.fieldNames(sent));
            for (Iterator<String> names = sent.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                assertSameShape(documented.get(name), sent.get(name), where + "." + name);
            }
        }
    }

    @Test
    @DisplayName("every server message is shown with exactly the members, in the order and of the types the server sends")
    void serverExamples() throws IOException {
        Map<String, JsonNode> sent = serverMessages();
        Map<String, JsonNode> documented = new LinkedHashMap<>();
        for (String example : serverExamples(document())) {
            JsonNode json = TestServer.parse(example);
            assertThat(documented.put(json.path("type").asText(), json)).as("a second example of %s", example).isNull();
        }

        assertThat(documented.keySet()).containsExactlyInAnyOrderElementsOf(sent.keySet());
        documented.forEach((type, example) -> assertSameShape(example, sent.get(type), type));
    }

    @Test
    @DisplayName("every client message example is one the server understands")
    void clientExamples() throws IOException {
        Set<String> types = new java.util.HashSet<>();
        for (String example : clientExamples(document())) {
            types.add(TestServer.parse(example).path("type").asText());
            assertThat(ClientMessage.parse(example)).as(example).isNotInstanceOf(ClientMessage.Rejected.class);
        }

        assertThat(types).isEqualTo(CLIENT_TYPES);
    }

    @Test
    @DisplayName("the close codes table gives the reasons the server closes with, and the error table every error code")
    void closeReasonsAndErrorCodes() throws IOException {
        String document = document();

        for (CloseReason reason : CloseReason.values()) {
            assertThat(document).contains("| " + CloseCodes.code(reason) + " | `" + CloseCodes.text(reason) + "` |");
        }
        for (String code : List.of("bad_frame", "unknown_type", "invalid", "unsupported", "rate_limited", "no_conversation")) {
            assertThat(document).contains("| `" + code + "` |");
        }
    }
}
