package io.chatplatform.bench.jmh;

import io.chatplatform.adapter.redis.BenchCodecAccess;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cache value (de)serialisation of a 50-message history page with the Redis adapter's own codec
 * ({@code ValueCodec}: compact JSON, decoded back through the domain's constructors), reached
 * through {@link BenchCodecAccess} because the codec is package-private.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CacheCodecBenchmark {

    private CacheKey<List<Message>> key;
    private List<Message> page;
    private String json;

    @Setup
    public void setUp() {
        key = CacheKey.historyPage(Fixtures.CONVERSATION, HistoryPage.newest());
        page = Fixtures.page(50);
        json = BenchCodecAccess.encode(key, page);
        if (!BenchCodecAccess.decode(key, json).orElseThrow().equals(page)) {
            throw new IllegalStateException("the codec does not round-trip the page");
        }
    }

    @Benchmark
    public String encodePage() {
        return BenchCodecAccess.encode(key, page);
    }

    @Benchmark
    public Optional<List<Message>> decodePage() {
        return BenchCodecAccess.decode(key, json);
    }

    @Benchmark
    public Optional<List<Message>> roundTrip() {
        return BenchCodecAccess.decode(key, BenchCodecAccess.encode(key, page));
    }
}
