package io.chatplatform.bench.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatplatform.bench.DeliveryLedger;
import io.chatplatform.bench.Metrics;
import org.junit.jupiter.api.Test;

/** What a receiver makes of the frames of docs/realtime.md: messages to one ledger, changes to the other. */
class LiveClientTest {

    private static final long RECEIVER = 42;
    private static final long SENDER = 7;

    private final Metrics metrics = new Metrics();
    private final DeliveryLedger messages = new DeliveryLedger(new long[]{RECEIVER}, metrics.op("delivery"), null);
    private final DeliveryLedger changes = new DeliveryLedger(new long[]{RECEIVER}, metrics.op("change-delivery"), null);

    private static String message(long id, String content, String reactions) {
        return "{\"id\":" + id + ",\"sender_id\":" + SENDER + ",\"recipient_id\":" + RECEIVER + ",\"content\":"
                + content + ",\"created_at\":\"2026-11-27T12:00:00.000Z\",\"seq\":3,\"client_message_id\":null,"
                + "\"edited_at\":null,\"deleted_at\":null,\"reply_to_message_id\":null,\"reactions\":" + reactions + "}";
    }

    @Test
    void editsAndReactionsGoToTheLedgerOfChangesUnderTheirChangeIds() {
        LiveClient client = LiveClient.detached(0, messages, changes);
        // message 901 is edited, message 902 reacted to: a frame under the wrong kind would be unexpected
        changes.accepted(0, DeliveryLedger.changeId(901, DeliveryLedger.EDIT), 0, 1);
        changes.accepted(0, DeliveryLedger.changeId(902, DeliveryLedger.REACTION), 0, 1);
        messages.accepted(0, 901, 1);

        client.handle("{\"type\":\"message.created\",\"message\":" + message(901, "\"t=5 hi\"", "[]")
                + ",\"change_seq\":10}", 10);
        client.handle("{\"type\":\"message.updated\",\"message\":" + message(901, "\"t=9 edited\"", "[]")
                + ",\"change_seq\":11}", 20);
        client.handle("{\"type\":\"reaction.updated\",\"message\":" + message(902, "\"react to me\"",
                "[{\"emoji\":\"\uD83D\uDC4D\",\"user_ids\":[7]}]") + ",\"user_id\":7,\"change_seq\":12}", 30);

        assertThat(messages.complete()).isTrue();
        assertThat(changes.complete()).isTrue();
        DeliveryLedger.Tally t = changes.tally();
        assertThat(t.delivered()).isEqualTo(2);
        assertThat(t.unexpected() + t.duplicated()).isZero();
        assertThat(messages.tally().unexpected()).as("a change is no new message").isZero();
    }

    @Test
    void aSecondFrameOfTheSameChangeIsADuplicateAndOwnChangesAreEchoes() {
        LiveClient client = LiveClient.detached(0, messages, changes);
        changes.accepted(0, DeliveryLedger.changeId(901, DeliveryLedger.REACTION), 0, 1);
        String reaction = "{\"type\":\"reaction.updated\",\"message\":" + message(901, "\"x\"",
                "[{\"emoji\":\"\uD83D\uDC4D\",\"user_ids\":[7]}]") + ",\"user_id\":7,\"change_seq\":12}";

        client.handle(reaction, 10);
        client.handle(reaction, 20);
        client.handle("{\"type\":\"reaction.updated\",\"message\":" + message(901, "\"x\"", "[]")
                + ",\"user_id\":42,\"change_seq\":13}", 30);

        DeliveryLedger.Tally t = changes.tally();
        assertThat(t.delivered()).isEqualTo(1);
        assertThat(t.duplicated()).isEqualTo(1);
        assertThat(t.ownEchoes()).as("the receiver's own reaction").isEqualTo(1);
    }

    @Test
    void withoutALedgerOfChangesChangeFramesAreIgnored() {
        LiveClient client = LiveClient.detached(0, messages, null);

        client.handle("{\"type\":\"message.updated\",\"message\":" + message(901, "\"e\"", "[]") + ",\"change_seq\":11}", 20);
        client.handle("{\"type\":\"message.deleted\",\"message\":" + message(901, "null", "[]")
                + ",\"for\":\"everyone\",\"change_seq\":12}", 20);
        client.handle("not json", 30);

        assertThat(messages.tally().unexpected()).isZero();
        assertThat(changes.tally().unexpected()).isZero();
    }
}
