package io.chatplatform.adapter.metrics;

import io.chatplatform.application.port.in.RefreshSession;
import io.chatplatform.application.port.in.ScrapeMetrics;
import io.chatplatform.application.port.out.ChangeKind;
import io.chatplatform.application.port.out.ChatMetrics;
import io.chatplatform.application.port.out.ErrorReporter;
import io.chatplatform.application.port.out.PoolUsage;
import io.chatplatform.domain.cache.CacheType;
import io.chatplatform.domain.limit.LimitedAction;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The service's metrics as Prometheus series (client_java 1.x), and their exposition for
 * {@code GET /metrics}: Prometheus text by default, OpenMetrics when the scraper asks for it.
 *
 * <p>Every label takes values from a bounded set; anything else is folded into a catch-all value
 * ("OTHER" for methods, "unmatched" for routes, "other" for refresh outcomes and session end
 * reasons) rather than becoming a new series.
 */
public final class PrometheusMetrics implements ChatMetrics, ScrapeMetrics {

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
    /** A refresh that issued new tokens, or the reason it was refused ({@link RefreshSession.Why}, lower-cased). */
    static final Set<String> REFRESH_OUTCOMES = Stream.concat(Stream.of("refreshed"),
                    Stream.of(RefreshSession.Why.values()).map(why -> why.name().toLowerCase(Locale.ROOT)))
            .collect(Collectors.toUnmodifiableSet());
    /** Why sessions ended, as {@link ChatMetrics#sessionsEnded} names it. */
    static final Set<String> SESSION_END_REASONS = Set.of("logout", "revoked", "password_change", "reuse", "expired",
            "account_deleted");
    /** The label value of an outcome or reason outside the known set, so that none becomes a series of its own. */
    static final String OTHER = "other";
    private static final double[] LATENCY_BUCKETS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final ExpositionFormats formats = ExpositionFormats.init();
    private final AtomicInteger liveConnections = new AtomicInteger();
    private final Map<String, IntSupplier> cpuWorkQueued = new ConcurrentHashMap<>();

    private final Counter httpRequests = Counter.builder().name("chat_http_requests")
            .help("HTTP requests answered, by method, route template and status")
            .labelNames("method", "route", "status").register(registry);
    private final Histogram httpDuration = Histogram.builder().name("chat_http_request_duration_seconds")
            .help("Time to answer an HTTP request, by method and route template")
            .labelNames("method", "route").classicOnly().classicUpperBounds(LATENCY_BUCKETS).register(registry);
    private final Counter messagesSent = Counter.builder().name("chat_messages_sent")
            .help("Messages stored (retries with a known client message id not counted)").register(registry);
    private final Counter messageChanges = Counter.builder().name("chat_message_changes")
            .help("Changes to stored messages and markers, by kind (edit, delete_for_everyone, delete_for_me, react, "
                    + "unreact, delivered); repeats that changed nothing not counted")
            .labelNames("kind").register(registry);
    private final Counter registrations = Counter.builder().name("chat_registrations")
            .help("Accounts created").register(registry);
    private final Counter logins = Counter.builder().name("chat_logins")
            .help("Logins by outcome").labelNames("outcome").register(registry);
    private final Counter tokenRefreshes = Counter.builder().name("chat_token_refreshes")
            .help("Refresh token exchanges by outcome: refreshed, or why it was refused (malformed, unknown, expired, "
                    + "reused, duplicate); refreshes refused by a rate limit are counted in chat_rate_limited")
            .labelNames("outcome").register(registry);
    private final Counter sessionsEnded = Counter.builder().name("chat_sessions_ended")
            .help("Login sessions ended, by reason (logout, revoked, password_change, reuse, expired, account_deleted)")
            .labelNames("reason").register(registry);
    private final Counter cacheRequests = Counter.builder().name("chat_cache_requests")
            .help("Cache lookups by cache type and outcome (hit, miss, bypass)")
            .labelNames("cache", "outcome").register(registry);
    private final Histogram cacheDuration = Histogram.builder().name("chat_cache_operation_duration_seconds")
            .help("Time of a cache round trip, by operation").labelNames("operation")
            .classicOnly().classicUpperBounds(LATENCY_BUCKETS).register(registry);
    private final Counter cacheFailures = Counter.builder().name("chat_cache_failures")
            .help("Cache calls that failed; the requests were served without the cache").register(registry);
    private final Histogram statementDuration = Histogram.builder().name("chat_db_statement_duration_seconds")
            .help("Time of a database statement, by statement name").labelNames("statement")
            .classicOnly().classicUpperBounds(LATENCY_BUCKETS).register(registry);
    private final Counter rateLimited = Counter.builder().name("chat_rate_limited")
            .help("Requests refused by a rate limit (answered 429), by limit").labelNames("limit").register(registry);
    private final Counter capacityExceeded = Counter.builder().name("chat_capacity_exceeded")
            .help("Requests refused because bounded CPU-heavy work had no room (answered 503), by kind of work")
            .labelNames("work").register(registry);
    private final Counter internalErrors = Counter.builder().name("chat_internal_errors")
            .help("Failures the application caught on its own threads or in listeners (logged, never answered to a "
                    + "client), by where they happened").labelNames("where").register(registry);
    private final Counter liveEvents = Counter.builder().name("chat_websocket_events")
            .help("Live events handed to connections (delivered) or refused by a full outbox (dropped)")
            .labelNames("type", "outcome").register(registry);

    public PrometheusMetrics() {
        GaugeWithCallback.builder().name("chat_cpu_work_queued")
                .help("Tasks of a bounded pool of CPU-heavy work waiting for a thread, by kind of work").labelNames("work")
                .callback(callback -> cpuWorkQueued.forEach((work, queued) -> callback.call(queued.getAsInt(), work)))
                .register(registry);
        GaugeWithCallback.builder().name("chat_websocket_connections").help("Live (WebSocket) connections open on this instance")
                .callback(callback -> callback.call(liveConnections.get()))
                .register(registry);
        JvmMetrics.builder().register(registry);
        // series with labels appear only once observed; these have a known, small set of values
        for (CacheType type : CacheType.values()) {
            for (String outcome : new String[] {"hit", "miss", "bypass"}) {
                cacheRequests.labelValues(type.label(), outcome);
            }
        }
        for (ErrorReporter.Where where : ErrorReporter.Where.values()) {
            internalErrors.labelValues(where.label());
        }
        for (LimitedAction action : LimitedAction.values()) {
            rateLimited.labelValues(action.label());
        }
        for (ChangeKind kind : ChangeKind.values()) {
            messageChanges.labelValues(kind.label());
        }
        logins.labelValues("success");
        REFRESH_OUTCOMES.forEach(tokenRefreshes::labelValues);
        SESSION_END_REASONS.forEach(sessionsEnded::labelValues);
        logins.labelValues("invalid_credentials");
    }

    /** Publishes the database pool's usage, read at each scrape. Call once. */
    public PrometheusMetrics watchDatabasePool(Supplier<PoolUsage> pool) {
        Objects.requireNonNull(pool, "pool");
        GaugeWithCallback.builder().name("chat_db_pool_connections")
                .help("Database connections by state (active, idle) and callers waiting for one (pending)")
                .labelNames("state")
                .callback(callback -> {
                    PoolUsage usage = pool.get();
                    callback.call(usage.active(), "active");
                    callback.call(usage.idle(), "idle");
                    callback.call(usage.pending(), "pending");
                })
                .register(registry);
        GaugeWithCallback.builder().name("chat_db_pool_max_connections").help("The database pool's size limit")
                .callback(callback -> callback.call(pool.get().max()))
                .register(registry);
        return this;
    }

    /**
     * Publishes how many tasks of a bounded pool of CPU-heavy work wait for a thread, read at each
     * scrape, and starts its count of refusals at zero. Call once per pool.
     *
     * @param work the pool's name, as {@link #capacityExceeded} is told it
     */
    public PrometheusMetrics watchCpuBoundWork(String work, IntSupplier queued) {
        Objects.requireNonNull(work, "work");
        Objects.requireNonNull(queued, "queued");
        capacityExceeded.labelValues(work);
        cpuWorkQueued.put(work, queued);
        return this;
    }

    /** Publishes whether the cache answers, asked at each scrape. Call once, when there is a cache. */
    public PrometheusMetrics watchCache(BooleanSupplier available) {
        Objects.requireNonNull(available, "available");
        GaugeWithCallback.builder().name("chat_cache_available").help("1 when the cache answers, 0 when it does not")
                .callback(callback -> callback.call(available.getAsBoolean() ? 1 : 0))
                .register(registry);
        return this;
    }

    @Override
    public void httpRequest(String method, String route, int status, Duration duration) {
        String m = method == null ? "OTHER" : method.toUpperCase(Locale.ROOT);
        if (!METHODS.contains(m)) {
            m = "OTHER";
        }
        String r = route == null || route.isEmpty() ? "unmatched" : route;
        httpRequests.labelValues(m, r, Integer.toString(status)).inc();
        httpDuration.labelValues(m, r).observe(seconds(duration));
    }

    @Override
    public void messageSent() {
        messagesSent.inc();
    }

    @Override
    public void messageChanged(ChangeKind kind) {
        messageChanges.labelValues(kind.label()).inc();
    }

    @Override
    public void userRegistered() {
        registrations.inc();
    }

    @Override
    public void login(boolean success) {
        logins.labelValues(success ? "success" : "invalid_credentials").inc();
    }

    @Override
    public void tokenRefresh(String outcome) {
        tokenRefreshes.labelValues(known(REFRESH_OUTCOMES, outcome)).inc();
    }

    @Override
    public void sessionsEnded(String why, int count) {
        if (count > 0) {
            sessionsEnded.labelValues(known(SESSION_END_REASONS, why)).inc(count);
        }
    }

    @Override
    public void throttled(LimitedAction action) {
        rateLimited.labelValues(action.label()).inc();
    }

    @Override
    public void capacityExceeded(String work) {
        capacityExceeded.labelValues(work).inc();
    }

    @Override
    public void cacheLookup(CacheType type, String outcome) {
        cacheRequests.labelValues(type.label(), outcome).inc();
    }

    @Override
    public void cacheOperation(String operation, Duration duration) {
        cacheDuration.labelValues(operation).observe(seconds(duration));
    }

    @Override
    public void cacheFailure() {
        cacheFailures.inc();
    }

    @Override
    public void statement(String name, Duration duration) {
        statementDuration.labelValues(name).observe(seconds(duration));
    }

    @Override
    public void liveConnection(boolean opened) {
        if (opened) {
            liveConnections.incrementAndGet();
        } else {
            liveConnections.decrementAndGet();
        }
    }

    @Override
    public void liveEvent(String type, boolean delivered) {
        liveEvents.labelValues(type, delivered ? "delivered" : "dropped").inc();
    }

    @Override
    public void libraryError(String where) {
        internalErrors.labelValues(where).inc();
    }

    @Override
    public Scrape scrape(String acceptHeader) {
        ExpositionFormatWriter writer = formats.findWriter(acceptHeader);
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException("could not render metrics", e);
        }
        return new Scrape(writer.getContentType(), out.toByteArray());
    }

    /** {@code value} when it is one of {@code known}, else {@link #OTHER} (null too: an immutable set refuses to look for it). */
    private static String known(Set<String> known, String value) {
        return value != null && known.contains(value) ? value : OTHER;
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
