/**
 * Prometheus metrics: {@link io.chatplatform.adapter.metrics.PrometheusMetrics} implements the
 * application's metrics port and renders the exposition that {@code GET /metrics} serves.
 */
package io.chatplatform.adapter.metrics;
