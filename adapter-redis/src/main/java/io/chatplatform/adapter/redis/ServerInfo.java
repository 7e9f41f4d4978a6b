package io.chatplatform.adapter.redis;

import io.chatplatform.application.port.out.CacheServerStats;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/** Reads the figures the port reports out of Redis's {@code INFO} text ({@code name:value} lines under {@code # Section} headings). */
final class ServerInfo {

    static final String BACKEND = "redis";

    private ServerInfo() {
    }

    static CacheServerStats stats(String info, long failures, String circuit) {
        Map<String, String> fields = parse(info);
        return new CacheServerStats(BACKEND, true, number(fields, "connected_clients"), number(fields, "used_memory"),
                number(fields, "keyspace_hits"), number(fields, "keyspace_misses"),
                number(fields, "total_commands_processed"), number(fields, "uptime_in_seconds"), failures, circuit);
    }

    static CacheServerStats unavailable(long failures, String circuit) {
        return new CacheServerStats(BACKEND, false, OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(),
                OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), failures, circuit);
    }

    static Map<String, String> parse(String info) {
        Map<String, String> fields = new HashMap<>();
        for (String line : info.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (line.isEmpty() || line.startsWith("#") || colon < 1) {
                continue;
            }
            fields.put(line.substring(0, colon), line.substring(colon + 1).strip());
        }
        return fields;
    }

    private static OptionalLong number(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(value));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
