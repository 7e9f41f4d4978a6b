package io.chatplatform.bootstrap;

import io.chatplatform.adapter.http.ChatHttpServer;
import io.chatplatform.adapter.http.HttpSettings;
import io.chatplatform.adapter.http.TrustedProxies;
import io.chatplatform.adapter.http.WebSocketSettings;
import io.chatplatform.adapter.metrics.PrometheusMetrics;
import io.chatplatform.adapter.postgres.PostgresDatabase;
import io.chatplatform.adapter.postgres.PostgresSettings;
import io.chatplatform.adapter.redis.RedisCacheStore;
import io.chatplatform.adapter.redis.RedisConnections;
import io.chatplatform.adapter.redis.RedisLiveEventBus;
import io.chatplatform.adapter.redis.RedisPresenceRegistry;
import io.chatplatform.adapter.redis.RedisRateLimiter;
import io.chatplatform.adapter.redis.RedisSettings;
import io.chatplatform.application.ChatApplication;
import io.chatplatform.application.admission.AdmittedPasswordHasher;
import io.chatplatform.application.admission.CpuBoundWork;
import io.chatplatform.application.port.out.CacheStore;
import io.chatplatform.application.port.out.ChatMetrics;
import io.chatplatform.application.port.out.ProbeDependency;
import io.chatplatform.application.port.out.RateLimiter;
import io.chatplatform.application.service.HealthService;
import io.chatplatform.bootstrap.cache.InProcessCacheStore;
import io.chatplatform.bootstrap.ratelimit.InProcessRateLimiter;
import io.chatplatform.bootstrap.security.BcryptPasswordHasher;
import io.chatplatform.bootstrap.security.JwtAccessTokens;
import io.chatplatform.domain.limit.LimitedAction;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running service: the database (embedded or external), the application wired on its
 * adapters, and the HTTP server. Closing it stops them in the reverse order.
 */
public final class ChatServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChatServer.class);
    /** The pool that hashes passwords, as its threads, refusals and metrics name it. */
    static final String HASHING = "password hashing";
    /**
     * Presence's own pool: its renewals and the bursts of connections coming online are bulk work that
     * must not take the connections the cache and the rate limits need (a bulkhead; decision 0019).
     */
    static final int PRESENCE_CONNECTIONS = 64;

    private final Deque<AutoCloseable> resources;
    private final ChatHttpServer http;

    private ChatServer(Deque<AutoCloseable> resources, ChatHttpServer http) {
        this.resources = resources;
        this.http = http;
    }

    /** Starts everything the configuration asks for; on failure, stops what was already started. */
    public static ChatServer start(ChatConfig config) {
        Deque<AutoCloseable> started = new ArrayDeque<>();
        try {
            String jwtSecret;
            PostgresSettings db;
            if (config.embeddedDatabase()) {
                EmbeddedPostgres embedded = EmbeddedPostgres.start(config.dataDir());
                started.push(embedded);
                db = PostgresSettings.fromUrl(embedded.jdbcUrl());
                jwtSecret = config.jwtSecret().orElseGet(() -> JwtSecretFile.loadOrCreate(config.dataDir()));
            } else {
                try {
                    db = PostgresSettings.fromUrl(config.databaseUrl().orElseThrow());
                } catch (IllegalArgumentException e) {
                    throw new ConfigException("CHAT_DATABASE_URL: " + e.getMessage());
                }
                jwtSecret = config.jwtSecret().orElseThrow();
            }
            db = db.withMaxPoolSize(config.databasePoolSize());
            if (config.databaseSchema().isPresent()) {
                db = db.withSchema(config.databaseSchema().get());
            }
            Clock clock = Clock.systemUTC();
            PrometheusMetrics metrics = new PrometheusMetrics();
            PostgresDatabase database = PostgresDatabase.open(db, metrics);
            started.push(database);
            metrics.watchDatabasePool(database::poolUsage);
            // Redis connections for the request path (cache, rate limits, publishing), closed after every part
            // that uses them; presence has a pool of its own (decision 0019)
            Optional<RedisSettings> redisSettings = redisSettings(config);
            Optional<RedisConnections> redis = redisSettings.map(RedisConnections::open);
            redis.ifPresent(started::push);
            Optional<RedisConnections> presenceRedis = redisSettings.map(settings ->
                    RedisConnections.open(settings.withMaxConnections(PRESENCE_CONNECTIONS)));
            presenceRedis.ifPresent(started::push);
            Optional<CacheStore> cache = cache(config, redis, metrics, started);
            cache.ifPresent(store -> metrics.watchCache(store::isAvailable));

            // bcrypt on platform threads of its own: on virtual threads it would pin every carrier under a login flood
            CpuBoundWork hashing = CpuBoundWork.platformThreads(HASHING, config.hashThreads(), config.hashQueue(),
                    metrics);
            started.push(hashing);
            metrics.watchCpuBoundWork(HASHING, hashing::queued);
            RateLimiter limiter = rateLimiter(redis, started);
            ChatApplication.Builder builder = ChatApplication.builder()
                    .users(database.users())
                    .messages(database.messages())
                    .sessions(database.sessions())
                    .blocks(database.blocks())
                    .eraseAccounts(database.erasure())
                    .sessionPolicy(config.sessionPolicy())
                    .passwordHasher(new AdmittedPasswordHasher(new BcryptPasswordHasher(config.bcryptCost()), hashing))
                    .rateLimiter(limiter)
                    .rateLimits(config.rateLimits())
                    .messageChangeLimits(config.messageLimits())
                    .accessTokens(new JwtAccessTokens(jwtSecret, config.tokenLifetime()))
                    .metrics(metrics)
                    // counted by the application as chat_internal_errors_total; logged here with the rest
                    .errors((where, error) -> LOG.warn("Chat library failure in {}", where.label(), error))
                    .connectionExecutor(Runtimes.connectionExecutor())
                    .clock(clock);
            cache.ifPresent(builder::cache);
            if (redis.isPresent()) {
                // several instances: live events and presence travel through Redis
                RedisLiveEventBus bus = RedisLiveEventBus.connect(redis.get());
                started.push(bus);
                RedisPresenceRegistry presence = RedisPresenceRegistry.connect(presenceRedis.get());
                started.push(presence);
                builder.liveEventBus(bus).presenceRegistry(presence);
            }
            ChatApplication app = builder.build();
            started.push(app);
            // account erasures that a stop interrupted continue in the background (decision 0027)
            int resumed = app.deleteAccount().resumeErasures();
            if (resumed > 0) {
                LOG.info("Resuming {} unfinished account erasures", resumed);
            }
            var health = new HealthService(database.probe(), database.workers(), cache.<ProbeDependency>map(store -> store));
            HttpSettings httpSettings = new HttpSettings(config.httpHost(), config.httpPort(), Version.current(),
                    Runtimes.hasVirtualThreads(), HttpSettings.DEFAULT_MAX_REQUEST_BYTES)
                    .withWebSocket(WebSocketSettings.DEFAULT.withFrameLimit(
                            config.rateLimits().of(LimitedAction.LIVE_FRAMES_PER_CONNECTION)))
                    .withTrustedProxies(new TrustedProxies(config.trustedProxies()));
            ChatHttpServer http = ChatHttpServer.start(httpSettings, app, health, clock, metrics, metrics);
            started.push(http);
            LOG.info("Chat Platform {} listening on http://{}:{} ({} database{}, cache {}, virtual threads {})",
                    Version.current(), config.httpHost(), http.port(), config.embeddedDatabase() ? "embedded" : "external",
                    database.citusEnabled() ? ", Citus" : "", cache.map(store -> store.serverStats().backend()).orElse("off"),
                    Runtimes.hasVirtualThreads() ? "on" : "off");
            return new ChatServer(started, http);
        } catch (RuntimeException e) {
            closeAll(started);
            throw e;
        }
    }

    /**
     * Shared through Redis when there is one (several instances count together), counting in this
     * instance meanwhile when Redis is down; in process otherwise.
     */
    private static RateLimiter rateLimiter(Optional<RedisConnections> redis, Deque<AutoCloseable> started) {
        InProcessRateLimiter local = new InProcessRateLimiter(InProcessRateLimiter.DEFAULT_MAX_BUCKETS);
        if (redis.isEmpty()) {
            return local;
        }
        RedisRateLimiter shared = RedisRateLimiter.connect(redis.get(), local);
        started.push(shared);
        return shared;
    }

    private static Optional<RedisSettings> redisSettings(ChatConfig config) {
        if (config.redisUrl().isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(RedisSettings.fromUrl(config.redisUrl().get()).withKeyPrefix(config.redisKeyPrefix()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("CHAT_REDIS_URL: " + e.getMessage());
        }
    }

    private static Optional<CacheStore> cache(ChatConfig config, Optional<RedisConnections> redis, ChatMetrics metrics,
                                              Deque<AutoCloseable> started) {
        switch (config.effectiveCacheMode()) {
            case REDIS:
                RedisCacheStore store = RedisCacheStore.connect(redis.orElseThrow(), config.cacheTtls(), metrics);
                started.push(store);
                return Optional.of(store);
            case IN_PROCESS:
                return Optional.of(new InProcessCacheStore(config.cacheTtls(), config.cacheMaxEntries()));
            default:
                return Optional.empty();
        }
    }

    /** The port the HTTP server listens on. */
    public int port() {
        return http.port();
    }

    @Override
    public void close() {
        closeAll(resources);
    }

    private static void closeAll(Deque<AutoCloseable> resources) {
        while (!resources.isEmpty()) {
            AutoCloseable resource = resources.pop();
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("{} did not stop cleanly", resource.getClass().getSimpleName(), e);
            }
        }
    }
}
