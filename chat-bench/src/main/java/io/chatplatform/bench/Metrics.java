package io.chatplatform.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Latencies and errors per operation. Recording is wait-free (an HdrHistogram {@link Recorder} per
 * operation, in microseconds); a single sampler takes the interval histograms every few seconds for
 * the progress line and, once measuring, adds them to the operation's total. What happens during
 * the warm-up is discarded (its errors are kept apart, to be shown).
 */
public final class Metrics {

    private final Map<String, Op> ops = new LinkedHashMap<>();
    private volatile boolean measuring;
    private long measureStartNanos;
    private long measureEndNanos;

    /** The operation of that name, created on first use; reports list operations in order of creation. */
    public synchronized Op op(String name) {
        return ops.computeIfAbsent(name, n -> new Op(n, this));
    }

    /** Ends the warm-up: what was recorded so far is dropped, from now on everything counts. */
    public synchronized void startMeasuring() {
        for (Op op : ops.values()) {
            op.drain(false);
            op.bytes.reset();
            op.sized.reset();
        }
        measureStartNanos = System.nanoTime();
        measuring = true;
    }

    /** Ends the measurement: the last interval is added to the totals and later recordings are ignored. */
    public synchronized void stopMeasuring() {
        measureEndNanos = System.nanoTime();
        measuring = false;
        for (Op op : ops.values()) {
            op.drain(true);
        }
    }

    /** Seconds between {@link #startMeasuring} and {@link #stopMeasuring} (or now, while measuring). */
    public synchronized double measuredSeconds() {
        long end = measuring ? System.nanoTime() : measureEndNanos;
        return Math.max(1e-9, (end - measureStartNanos) / 1e9);
    }

    /** The histograms since the last sample, one per operation that has any, for a progress line; kept in the totals while measuring. */
    public synchronized Map<String, Histogram> sample() {
        Map<String, Histogram> interval = new LinkedHashMap<>();
        for (Op op : ops.values()) {
            Histogram h = op.drain(measuring);
            interval.put(op.name, h.copy());
        }
        return interval;
    }

    /** Errors since the last call, all operations together (for the progress line). */
    public synchronized long errorsSinceLastSample() {
        long sum = 0;
        for (Op op : ops.values()) {
            long now = op.errorTotal();
            sum += now - op.errorsSeen;
            op.errorsSeen = now;
        }
        return sum;
    }

    public synchronized List<Op> operations() {
        return List.copyOf(ops.values());
    }

    public static final class Op {
        private final String name;
        private final Metrics owner;
        private final Recorder recorder = new Recorder(3);
        private final Histogram total = new Histogram(3);
        private Histogram recycled;
        private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
        private final Map<String, LongAdder> warmupErrors = new ConcurrentHashMap<>();
        private final LongAdder bytes = new LongAdder();
        private final LongAdder sized = new LongAdder();
        private long errorsSeen;

        Op(String name, Metrics owner) {
            this.name = name;
            this.owner = owner;
        }

        public String name() {
            return name;
        }

            public void record(long nanos) {
            recorder.recordValue(Math.max(1, nanos / 1_000));
        }

        /** A success that took {@code nanos} and returned {@code responseBytes} of body. */
        public void record(long nanos, int responseBytes) {
            record(nanos);
            if (owner.measuring) {
                bytes.add(responseBytes);
                sized.increment();
            }
        }

        /** A failure: an HTTP status ("503"), or a kind ("timeout", "io", "closed"). Not in the latency histogram. */
        public void error(String kind) {
            (owner.measuring ? errors : warmupErrors).computeIfAbsent(kind, k -> new LongAdder()).increment();
        }

        Histogram drain(boolean keep) {
            recycled = recorder.getIntervalHistogram(recycled);
            if (keep) {
                total.add(recycled);
            }
            return recycled;
        }

        long errorTotal() {
            return Stream.concat(errors.values().stream(), warmupErrors.values().stream()).mapToLong(LongAdder::sum).sum();
        }

        /** The successes measured (a copy). */
        public Histogram total() {
            synchronized (owner) {
                return total.copy();
            }
        }

        public Map<String, Long> errors() {
            return counts(errors);
        }

        public Map<String, Long> warmupErrors() {
            return counts(warmupErrors);
        }

        /** Mean response body size of the measured successes that reported one; 0 when none did. */
        public double meanBytes() {
            long n = sized.sum();
            return n == 0 ? 0 : (double) bytes.sum() / n;
        }

        private static Map<String, Long> counts(Map<String, LongAdder> adders) {
            Map<String, Long> out = new TreeMap<>();
            adders.forEach((k, v) -> out.put(k, v.sum()));
            return out;
        }
    }
}
