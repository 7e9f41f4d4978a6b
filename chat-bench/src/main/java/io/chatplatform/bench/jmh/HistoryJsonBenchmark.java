package io.chatplatform.bench.jmh;

import io.chatplatform.adapter.http.internal.json.Json;
import io.chatplatform.adapter.http.internal.view.MessageView;
import io.chatplatform.domain.message.Message;
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

/**
 * Rendering a 50-message history page exactly as {@code GET /messages} does: each domain message
 * becomes the adapter's {@code MessageView} and the list goes through the adapter's one Jackson
 * configuration ({@code Json.bytes}: snake_case, nulls written, timestamps with milliseconds).
 * Both classes are public but live in the adapter's {@code internal} packages.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HistoryJsonBenchmark {

    private List<Message> page;
    private List<MessageView> views;

    @Setup
    public void setUp() {
        page = Fixtures.page(50);
        views = page.stream().map(MessageView::of).toList();
    }

    /** Domain messages to response bytes: what the route and the dispatcher do per request. */
    @Benchmark
    public byte[] renderPage() {
        return Json.bytes(page.stream().map(MessageView::of).toList());
    }

    /** The Jackson part alone. */
    @Benchmark
    public byte[] serializeViews() {
        return Json.bytes(views);
    }
}
