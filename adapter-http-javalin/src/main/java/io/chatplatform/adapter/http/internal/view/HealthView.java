package io.chatplatform.adapter.http.internal.view;

import io.chatplatform.application.port.in.CheckHealth.Health;

/** {@code status} is healthy, degraded or unhealthy; each dependency connected, unavailable or disabled. */
public record HealthView(String status, String database, String cache) {

    public static HealthView of(Health health) {
        return new HealthView(health.status().label(), health.database().label(), health.cache().label());
    }
}
