package io.chatplatform.application.port.in;

import java.util.Objects;

/**
 * Renders the service's metrics for a monitoring system that pulls them (Prometheus).
 *
 * <p>Safe for concurrent use: the library's implementation may be called from any number of threads at once.
 */
public interface ScrapeMetrics {

    /**
     * The metrics in the format the {@code Accept} header asks for (Prometheus text by default,
     * OpenMetrics when asked).
     */
    Scrape scrape(String acceptHeader);

    /** Serves no metrics (an empty exposition). */
    static ScrapeMetrics none() {
        return accept -> new Scrape("text/plain; version=0.0.4; charset=utf-8", new byte[0]);
    }

    /** A rendered exposition. */
    record Scrape(String contentType, byte[] body) {
        public Scrape {
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(body, "body");
        }
    }
}
