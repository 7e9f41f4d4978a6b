package io.chatplatform.bench.jmh;

import io.chatplatform.adapter.redis.ValueCodec;
import io.chatplatform.application.port.out.CacheKey;
import io.chatplatform.domain.message.HistoryPage;
import io.chatplatform.domain.message.Message;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cache value (de)serialisation of a 50-message history page with the Redis adapter's own codec
 * ({@link ValueCodec}: compact JSON, decoded back through the domain's constructors). {@code shape}
 * {@code plain} is the page of messages nobody changed (the figures before issue 11 are of it);
 * {@code changed} has replies, edits, reactions and tombstones ({@link Fixtures#changedPage}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CacheCodecBenchmark {

    @Param({"plain", "changed"})
    public String shape;

    private CacheKey<List<Message>> key;
    private List<Message> page;
    private String json;

    @Setup
    public void setUp() {
        key = CacheKey.historyPage(Fixtures.CONVERSATION, Fixtures.ALICE, HistoryPage.newest());
        page = switch (shape) {
            case "plain" -> Fixtures.page(50);
            case "changed" -> Fixtures.changedPage(50);
            default -> throw new IllegalArgumentException("shape is plain or changed, not " + shape);
        };
        json = ValueCodec.encode(key, page);
        if (!ValueCodec.decode(key, json).orElseThrow().equals(page)) {
            throw new IllegalStateException("the codec does not round-trip the page");
        }
    }

    @Benchmark
    public String encodePage() {
        return ValueCodec.encode(key, page);
    }

    @Benchmark
    public Optional<List<Message>> decodePage() {
        return ValueCodec.decode(key, json);
    }

    @Benchmark
    public Optional<List<Message>> roundTrip() {
        return ValueCodec.decode(key, ValueCodec.encode(key, page));
    }
}
