package io.chatplatform.bench.jmh;

import io.chatplatform.application.port.out.CacheKey;
import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.message.HistoryPage;
import io.chatplatform.domain.message.Message;
import io.chatplatform.domain.user.Account;
import java.util.List;
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

/** Cache key derivation: the port's {@code CacheKey} factories, what every cached read builds. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CacheKeyBenchmark {

    private ConversationId conversation;
    private HistoryPage newest;

    @Setup
    public void setUp() {
        conversation = Fixtures.CONVERSATION;
        newest = HistoryPage.newest();
    }

    @Benchmark
    public CacheKey<List<Message>> historyPageKey() {
        return CacheKey.historyPage(conversation, Fixtures.ALICE, newest);
    }

    @Benchmark
    public CacheKey<Account> accountKey() {
        return CacheKey.account(Fixtures.ALICE);
    }

    @Benchmark
    public Object conversationListKey() {
        return CacheKey.conversationList(Fixtures.ALICE, 200);
    }
}
