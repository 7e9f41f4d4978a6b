package io.chatplatform.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatplatform.domain.realtime.LiveEvent;
import io.chatplatform.domain.realtime.MessageCreated;
import io.chatplatform.domain.realtime.PresenceChanged;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("LiveEventCodec")
class LiveEventCodecTest {

    static java.util.List<LiveEvent> events() {
        return SampleEvents.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    @DisplayName("every kind of event comes back equal, with its audience")
    void round_trip(LiveEvent event) {
        LiveEvent back = LiveEventCodec.decode(LiveEventCodec.encode(event)).orElseThrow();

        assertThat(back).isEqualTo(event);
        assertThat(back.audience()).isEqualTo(event.audience());
    }

    @Test
    @DisplayName("keeps a message's text byte for byte and its time to the nanosecond")
    void exact_message() {
        MessageCreated created = SampleEvents.created();

        MessageCreated back = (MessageCreated) LiveEventCodec.decode(LiveEventCodec.encode(created)).orElseThrow();

        assertThat(back.message().content().value()).isEqualTo(SampleEvents.AWKWARD);
        assertThat(back.message().createdAt()).isEqualTo(created.message().createdAt());
        assertThat(back.message().clientMessageId()).isEqualTo(created.message().clientMessageId());
    }

    @Test
    @DisplayName("writes compact JSON: a kind, one-letter fields, the cache's message shape")
    void compact_json() {
        assertThat(LiveEventCodec.encode(SampleEvents.read())).isEqualTo("{\"k\":\"read\",\"c\":\"7:42\",\"r\":42,\"q\":12}");
        assertThat(LiveEventCodec.encode(SampleEvents.typing()))
                .isEqualTo("{\"k\":\"typing\",\"f\":7,\"t\":42,\"u\":\"2026-11-27T12:34:56.789123456Z\"}");
        assertThat(LiveEventCodec.encode(new PresenceChanged(SampleEvents.ALICE, false, Set.of(SampleEvents.CAROL, SampleEvents.BOB))))
                .isEqualTo("{\"k\":\"presence\",\"u\":7,\"o\":false,\"w\":[42,9007199254740991]}");
        assertThat(LiveEventCodec.encode(SampleEvents.noteToSelf())).isEqualTo(
                "{\"k\":\"message\",\"m\":{\"i\":903,\"q\":1,\"f\":9007199254740991,\"t\":9007199254740991,\"b\":\"notes\","
                        + "\"at\":1795782896790123456}}");
    }

    @Test
    @DisplayName("ignores fields it does not know, so a newer version may add some")
    void unknown_fields() {
        assertThat(LiveEventCodec.decode("{\"k\":\"read\",\"c\":\"7:42\",\"r\":42,\"q\":12,\"x\":[1]}")).contains(SampleEvents.read());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "{\"k\":\"reaction\",\"u\":7}",
            "{\"c\":\"7:42\",\"r\":42,\"q\":12}",
            "{\"k\":\"read\",\"c\":\"42:7\",\"r\":42,\"q\":12}",
            "{\"k\":\"read\",\"c\":\"7:42\",\"r\":99,\"q\":12}",
            "{\"k\":\"read\",\"c\":\"7:42\",\"r\":42,\"q\":-1}",
            "{\"k\":\"read\",\"c\":\"7:42\",\"r\":42}",
            "{\"k\":\"typing\",\"f\":7,\"t\":42,\"u\":\"soon\"}",
            "{\"k\":\"typing\",\"f\":0,\"t\":42,\"u\":\"2026-11-27T12:34:56Z\"}",
            "{\"k\":\"presence\",\"u\":7,\"o\":\"false\",\"w\":[]}",
            "{\"k\":\"presence\",\"u\":7,\"o\":false,\"w\":[null]}",
            "{\"k\":\"presence\",\"u\":7,\"o\":false}",
            "{\"k\":\"message\",\"m\":{\"i\":903,\"q\":0,\"f\":1,\"t\":2,\"b\":\"x\",\"at\":1795782896000000000}}",
            "{\"k\":\"message\",\"m\":{\"i\":903,\"q\":1,\"f\":1,\"t\":2,\"b\":\" \",\"at\":1795782896000000000}}",
            "{\"k\":\"message\"}",
            "{\"k\":\"read\",\"c\":\"7:42\",\"r\":42,\"q\":12} {}",
            "[]",
            "null",
            "not json"})
    @DisplayName("refuses a payload that is malformed, incomplete, invalid for the domain or of an unknown kind")
    void refuses_bad_payloads(String json) {
        assertThat(LiveEventCodec.decode(json)).isEmpty();
    }
}
