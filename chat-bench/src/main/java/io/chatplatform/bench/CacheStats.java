package io.chatplatform.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.TreeMap;

/** One reading of {@code GET /cache/stats}: the backend and the service's own lookup counts, in total and per type. */
public record CacheStats(String backend, Result.CacheCounts total, Map<String, Result.CacheCounts> byType) {

    public static CacheStats parse(JsonNode json) {
        JsonNode service = json.path("service");
        Map<String, Result.CacheCounts> byType = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : service.path("by_type").properties()) {
            byType.put(e.getKey(), counts(e.getValue()));
        }
        return new CacheStats(json.path("backend").asText("unknown"), counts(service), byType);
    }

    private static Result.CacheCounts counts(JsonNode node) {
        return Result.CacheCounts.of(node.path("hits").asLong(), node.path("misses").asLong(), node.path("bypasses").asLong());
    }

    /** What happened between {@code earlier} and this reading, and this reading's totals. */
    public Result.Cache since(CacheStats earlier) {
        Map<String, Result.CacheCounts> delta = new TreeMap<>();
        byType.forEach((type, now) -> {
            Result.CacheCounts before = earlier.byType.getOrDefault(type, Result.CacheCounts.of(0, 0, 0));
            delta.put(type, now.minus(before));
        });
        return new Result.Cache(backend, total.minus(earlier.total), delta, total);
    }
}
