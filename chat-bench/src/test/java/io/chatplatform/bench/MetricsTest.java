package io.chatplatform.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void theWarmUpIsDiscardedAndTheMeasuredPhaseCounted() {
        Metrics metrics = new Metrics();
        Metrics.Op send = metrics.op("send");
        send.record(50_000_000, 100);
        send.error("503");
        metrics.startMeasuring();
        send.record(2_000_000, 200);
        send.record(4_000_000, 400);
        send.error("timeout");
        metrics.sample();
        send.record(6_000_000, 300);
        metrics.stopMeasuring();
        send.record(90_000_000, 999);

        assertThat(send.total().getTotalCount()).isEqualTo(3);
        assertThat(send.total().getMaxValue() / 1000.0).isBetween(5.9, 6.1);
        assertThat(send.errors()).containsExactly(Map.entry("timeout", 1L));
        assertThat(send.warmupErrors()).containsExactly(Map.entry("503", 1L));
        assertThat(send.meanBytes()).isEqualTo(300.0);
        assertThat(metrics.measuredSeconds()).isPositive();
    }

    @Test
    void operationsKeepTheOrderOfFirstUse() {
        Metrics metrics = new Metrics();
        metrics.op("history");
        metrics.op("conversations");
        metrics.op("history");
        assertThat(metrics.operations()).extracting(Metrics.Op::name).containsExactly("history", "conversations");
    }

    @Test
    void samplesReturnTheIntervalAndCountErrorsSinceTheLastSample() {
        Metrics metrics = new Metrics();
        Metrics.Op get = metrics.op("get");
        metrics.startMeasuring();
        get.record(1_000_000);
        get.error("io");
        assertThat(metrics.sample().get("get").getTotalCount()).isEqualTo(1);
        assertThat(metrics.errorsSinceLastSample()).isEqualTo(1);
        assertThat(metrics.sample().get("get").getTotalCount()).isZero();
        assertThat(metrics.errorsSinceLastSample()).isZero();
        metrics.stopMeasuring();
        assertThat(get.total().getTotalCount()).isEqualTo(1);
    }
}
