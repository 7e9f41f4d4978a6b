package io.chatplatform.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What one run measured; written as JSON with {@code --json} (snake_case names) so that runs can be
 * compared between commits, and printed as a table by {@link Report}.
 *
 * @param scenario        the command that ran ({@code send}, {@code read-cached}, ...)
 * @param label           {@code --label}, free text (e.g. a commit id)
 * @param startedAt       UTC, ISO-8601
 * @param url             the service (or endpoint) measured
 * @param service         what {@code GET /} said about the service, when it answered
 * @param options         the options as given on the command line
 * @param environment     the load generator's JVM and machine
 * @param measuredSeconds length of the measured phase (after the warm-up)
 * @param operations      figures per operation, in order of first use
 * @param cache           the service's cache figures over the measured phase, when it has {@code /cache/stats}
 * @param realtime        WebSocket figures, for the scenarios that connect
 * @param notes           anything the reader of the figures must know (warnings included)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Result(String scenario, String label, String startedAt, String url, Map<String, Object> service,
                     Map<String, String> options, Environment environment, double measuredSeconds,
                     List<Operation> operations, Cache cache, Realtime realtime, List<String> notes) {

    public record Environment(String javaVersion, String javaVm, int processors, boolean virtualThreads, String httpClient,
                              String os, long maxHeapBytes) {

        public static Environment current(String httpClient) {
            return new Environment(System.getProperty("java.version"), System.getProperty("java.vm.name"),
                    Runtime.getRuntime().availableProcessors(), Threads.virtual(), httpClient,
                    System.getProperty("os.name") + " " + System.getProperty("os.arch"), Runtime.getRuntime().maxMemory());
        }
    }

    /**
     * One operation's figures over the measured phase. Latencies are of successful operations, in
     * milliseconds; errors are counted by HTTP status or by kind ({@code timeout}, {@code io}, ...).
     */
    public record Operation(String name, long count, double throughput, double meanMs, double p50Ms, double p95Ms,
                            double p99Ms, double p999Ms, double maxMs, long errors, Map<String, Long> errorsByStatus,
                            double meanResponseBytes) {

        /** An empty histogram gives zeros (HdrHistogram's mean and percentiles of nothing are 0). */
        public static Operation of(String name, Histogram h, double seconds, Map<String, Long> errors, double meanBytes) {
            long count = h.getTotalCount();
            long errorCount = errors.values().stream().mapToLong(Long::longValue).sum();
            return new Operation(name, count, round(count / seconds, 1), ms(h.getMean()),
                    ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(95)), ms(h.getValueAtPercentile(99)),
                    ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()), errorCount, errors, round(meanBytes, 1));
        }

        private static double ms(double micros) {
            return round(micros / 1000.0, 3);
        }
    }

    /** Hits, misses and bypasses of the service's cache lookups. */
    public record CacheCounts(long hits, long misses, long bypasses, double hitRatio) {

        public static CacheCounts of(long hits, long misses, long bypasses) {
            long lookups = hits + misses + bypasses;
            return new CacheCounts(hits, misses, bypasses, lookups == 0 ? 0 : round((double) hits / lookups, 4));
        }

        public CacheCounts minus(CacheCounts earlier) {
            return of(hits - earlier.hits, misses - earlier.misses, bypasses - earlier.bypasses);
        }

        public long lookups() {
            return hits + misses + bypasses;
        }
    }

    /**
     * The service's cache over the measured phase (the difference of {@code /cache/stats} before and
     * after it), in total and per cache type, and as the service reported it at the end (since start).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Cache(String backend, CacheCounts measured, Map<String, CacheCounts> measuredByType,
                        CacheCounts sinceStart) {
    }

    /**
     * WebSocket figures.
     *
     * @param connectionsRequested  receivers asked for
     * @param connectionsOpen       receivers that got {@code ready} and stayed open to the end
     * @param connectFailures       why the others did not, by kind
     * @param connectSeconds        from the first connection attempt to the last {@code ready}
     * @param dropped               connections that closed before the end of the run
     * @param sendsAccepted         {@code POST /send} answered 200 for a connected recipient
     * @param delivered             distinct expected messages that arrived
     * @param lost                  accepted messages that never arrived (after the drain period)
     * @param duplicated            frames for a message the receiver had already received
     * @param unexpected            frames for messages whose send was not accepted (e.g. timed out)
     * @param ownEchoes             frames for a receiver's own messages (multi-device echo), not counted above
     * @param framesBeforeResponse  frames that arrived before the sender had the POST's response
     * @param receiversWithLoss     receivers that lost at least one message
     * @param receiversWithDuplicates receivers that got at least one duplicate
     * @param serverRssBytesBefore  the server's resident memory before connecting (with {@code --server-pid})
     * @param serverRssBytesConnected the server's resident memory with every receiver connected
     * @param changes               the change events (edits, reactions), when the run tracked them
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Realtime(int connectionsRequested, int connectionsOpen, Map<String, Long> connectFailures,
                           double connectSeconds, long dropped, long sendsAccepted, long delivered, long lost,
                           long duplicated, long unexpected, long ownEchoes, long framesBeforeResponse,
                           int receiversWithLoss, int receiversWithDuplicates, Long serverRssBytesBefore,
                           Long serverRssBytesConnected, ChangeDelivery changes) {

        /** The figures of a run that tracked no changes. */
        public Realtime(int connectionsRequested, int connectionsOpen, Map<String, Long> connectFailures,
                        double connectSeconds, long dropped, long sendsAccepted, long delivered, long lost,
                        long duplicated, long unexpected, long ownEchoes, long framesBeforeResponse,
                        int receiversWithLoss, int receiversWithDuplicates, Long serverRssBytesBefore,
                        Long serverRssBytesConnected) {
            this(connectionsRequested, connectionsOpen, connectFailures, connectSeconds, dropped, sendsAccepted, delivered,
                    lost, duplicated, unexpected, ownEchoes, framesBeforeResponse, receiversWithLoss,
                    receiversWithDuplicates, serverRssBytesBefore, serverRssBytesConnected, null);
        }
    }

    /**
     * Change events (edits and reactions) on the WebSocket, counted as messages are: each change whose
     * request was answered 200 is expected once by the message's other participant.
     *
     * @param changesAccepted       edits and reactions answered 200 for a connected recipient
     * @param delivered             distinct expected changes whose frame arrived
     * @param lost                  accepted changes whose frame never arrived (after the drain period)
     * @param duplicated            frames for a change the receiver had already received
     * @param unexpected            frames for changes whose request was not accepted (e.g. timed out)
     * @param ownEchoes             frames of one's own changes (multi-device echo), not counted above
     * @param framesBeforeResponse  frames that arrived before the author had the response
     * @param receiversWithLoss     receivers that lost at least one change
     * @param receiversWithDuplicates receivers that got at least one duplicate
     */
    public record ChangeDelivery(long changesAccepted, long delivered, long lost, long duplicated, long unexpected,
                                 long ownEchoes, long framesBeforeResponse, int receiversWithLoss,
                                 int receiversWithDuplicates) {

        public static ChangeDelivery of(DeliveryLedger.Tally t) {
            return new ChangeDelivery(t.expected(), t.delivered(), t.lost(), t.duplicated(), t.unexpected(), t.ownEchoes(),
                    t.framesBeforeResponse(), t.receiversWithLoss(), t.receiversWithDuplicates());
        }
    }

    static double round(double value, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }
}
