package io.chatplatform.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BarePageTest {

    @ParameterizedTest
    @ValueSource(ints = {2, 10, 150, 200, 2048, 9000, 9001, 100_000})
    void thePageIsValidJsonOfExactlyTheSizeAskedFor(int bytes) throws Exception {
        String json = BarePage.json(bytes);
        assertThat(json.getBytes(StandardCharsets.UTF_8)).hasSize(bytes);
        assertThat(Report.JSON.readTree(json)).isNotNull();
    }

    @Test
    void aPageLargeEnoughHoldsFiftyMessagesShapedLikeTheServices() throws Exception {
        JsonNode page = Report.JSON.readTree(BarePage.json(9000));
        assertThat(page.size()).isEqualTo(50);
        assertThat(page.get(0).fieldNames()).toIterable()
                .containsExactly("id", "sender_id", "recipient_id", "content", "created_at", "seq", "client_message_id");
    }
}
