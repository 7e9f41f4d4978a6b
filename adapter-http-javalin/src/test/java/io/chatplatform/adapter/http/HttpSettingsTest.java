package io.chatplatform.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("HttpSettings")
class HttpSettingsTest {

    @Test
    @DisplayName("ports 0 to 65535 are accepted")
    void validPorts() {
        assertThat(new HttpSettings("0.0.0.0", 0, "1.0", true, 1).port()).isZero();
        assertThat(new HttpSettings("0.0.0.0", 65_535, "1.0", false, 1).port()).isEqualTo(65_535);
    }

    @Test
    @DisplayName("a port outside 0 to 65535 is refused with a message naming the value")
    void invalidPort() {
        assertThatIllegalArgumentException().isThrownBy(() -> new HttpSettings("0.0.0.0", 65_536, "1.0", false, 1))
                .withMessage("port must be between 0 and 65535 (0 = any free port), was 65536");
        assertThatIllegalArgumentException().isThrownBy(() -> new HttpSettings("0.0.0.0", -1, "1.0", false, 1))
                .withMessageContaining("was -1");
    }

    @Test
    @DisplayName("blank host or version, and a request limit below one byte, are refused")
    void otherValues() {
        assertThatIllegalArgumentException().isThrownBy(() -> new HttpSettings(" ", 80, "1.0", false, 1))
                .withMessage("host must not be blank");
        assertThatIllegalArgumentException().isThrownBy(() -> new HttpSettings("h", 80, "", false, 1))
                .withMessage("serviceVersion must not be blank");
        assertThatIllegalArgumentException().isThrownBy(() -> new HttpSettings("h", 80, "1.0", false, 0))
                .withMessage("maxRequestBytes must be at least 1, was 0");
        assertThatNullPointerException().isThrownBy(() -> new HttpSettings(null, 80, "1.0", false, 1))
                .withMessage("host");
    }

    @Test
    @DisplayName("without WebSocket settings the defaults apply: 5 s to authenticate, 5 minutes idle, 16 KiB, 1,024 queued, 50 frames per 10 s")
    void webSocketDefaults() {
        HttpSettings settings = new HttpSettings("h", 80, "1.0", false, 1);

        assertThat(settings.webSocket()).isEqualTo(WebSocketSettings.DEFAULT);
        assertThat(WebSocketSettings.DEFAULT).isEqualTo(new WebSocketSettings(Duration.ofSeconds(5), Duration.ofMinutes(5),
                16_384, 1024, Duration.ofSeconds(1))
                .withFrameLimit(java.util.Optional.of(io.chatplatform.domain.limit.LimitedAction.LIVE_FRAMES_PER_CONNECTION.defaultLimit())));
        WebSocketSettings other = new WebSocketSettings(Duration.ofSeconds(1), Duration.ofSeconds(2), 1, 1, Duration.ofSeconds(3));
        assertThat(settings.withWebSocket(other).webSocket()).isEqualTo(other);
    }

    @Test
    @DisplayName("WebSocket durations that are not positive and sizes below one are refused with a message naming them")
    void webSocketValues() {
        Duration second = Duration.ofSeconds(1);
        assertThatIllegalArgumentException().isThrownBy(() -> new WebSocketSettings(Duration.ZERO, second, 1, 1, second))
                .withMessage("authTimeout must be positive, was PT0S");
        assertThatIllegalArgumentException().isThrownBy(() -> new WebSocketSettings(second, second.negated(), 1, 1, second))
                .withMessage("idleTimeout must be positive, was PT-1S");
        assertThatIllegalArgumentException().isThrownBy(() -> new WebSocketSettings(second, second, 0, 1, second))
                .withMessage("maxMessageBytes must be at least 1, was 0");
        assertThatIllegalArgumentException().isThrownBy(() -> new WebSocketSettings(second, second, 1, 0, second))
                .withMessage("outboxCapacity must be at least 1, was 0");
        assertThatNullPointerException().isThrownBy(() -> new WebSocketSettings(second, second, 1, 1, null))
                .withMessage("expiryCheckInterval");
        assertThatNullPointerException().isThrownBy(() -> new HttpSettings("h", 80, "1.0", false, 1, null, TrustedProxies.NONE, Duration.ZERO))
                .withMessage("webSocket");
        assertThatIllegalArgumentException().isThrownBy(() -> TrustedProxies.of("10.0.0.0/8", "proxy.local"))
                .withMessage("'proxy.local' is not an IP address or CIDR block");
    }
}
