package io.chatplatform.adapter.http.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TimestampsTest {

    @Test
    @DisplayName("formats exactly as the API's DateTimeFormatter does, for any instant of years 0 to 9999")
    void same_as_the_formatter() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long min = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 100_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(min, max), random.nextInt(1_000_000_000));
            assertThat(Timestamps.format(instant)).isEqualTo(Json.TIMESTAMP.format(instant));
        }
        assertThat(Timestamps.format(Instant.parse("2026-11-27T14:31:05.123456Z"))).isEqualTo("2026-11-27T14:31:05.123Z");
        assertThat(Timestamps.format(Instant.EPOCH)).isEqualTo("1970-01-01T00:00:00.000Z");
        assertThat(Timestamps.format(Instant.parse("1969-12-31T23:59:59.999Z"))).isEqualTo("1969-12-31T23:59:59.999Z");
    }

    @Test
    @DisplayName("years beyond four digits fall back to the formatter")
    void far_future() {
        Instant far = Instant.parse("+12345-01-01T00:00:00Z");
        assertThat(Timestamps.format(far)).isEqualTo(Json.TIMESTAMP.format(far));
    }
}
