package io.chatplatform.adapter.http.internal.view;

import io.chatplatform.application.port.in.ViewCacheStats.CacheCounts;
import io.chatplatform.application.port.in.ViewCacheStats.CacheReport;
import io.chatplatform.application.port.out.CacheServerStats;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The cache server's figures (named as in Redis's INFO, as the replaced service showed them) and
 * this service's own lookups. The figures a backend cannot know are null.
 */
public record CacheStatsView(String backend, boolean available, @Nullable Long connectedClients, @Nullable Long usedMemory,
                             @Nullable Long keyspaceHits, @Nullable Long keyspaceMisses,
                             @Nullable Long totalCommandsProcessed, @Nullable Long uptimeInSeconds, long failures,
                             String circuit, Service service) {

    /** Lookups by this service, in total and per cache type. */
    public record Service(long hits, long misses, long bypasses, double hitRatio, Map<String, Counts> byType) {
    }

    /** Lookups of one cache type. */
    public record Counts(long hits, long misses, long bypasses, double hitRatio) {
        static Counts of(CacheCounts counts) {
            return new Counts(counts.hits(), counts.misses(), counts.bypasses(), counts.hitRatio());
        }
    }

    public static CacheStatsView of(CacheReport report) {
        Map<String, Counts> byType = new TreeMap<>();
        report.service().forEach((type, counts) -> byType.put(type.label(), Counts.of(counts)));
        CacheCounts total = report.service().values().stream()
                .reduce(new CacheCounts(0, 0, 0), (a, b) -> new CacheCounts(a.hits() + b.hits(), a.misses() + b.misses(),
                        a.bypasses() + b.bypasses()));
        Service service = new Service(total.hits(), total.misses(), total.bypasses(), total.hitRatio(), byType);
        if (report.server().isEmpty()) {
            return new CacheStatsView("disabled", false, null, null, null, null, null, null, 0, "closed", service);
        }
        CacheServerStats server = report.server().get();
        return new CacheStatsView(server.backend(), server.available(), boxed(server.connectedClients()),
                boxed(server.usedMemoryBytes()), boxed(server.keyspaceHits()), boxed(server.keyspaceMisses()),
                boxed(server.totalCommandsProcessed()), boxed(server.uptimeSeconds()), server.failures(), server.circuit(),
                service);
    }

    private static Long boxed(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }
}
