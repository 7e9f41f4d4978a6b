package io.chatplatform.application.port.out;

import java.lang.System.Logger.Level;
import java.util.Objects;

/**
 * Where the library reports a failure it cannot hand to a caller: on its own threads (timers,
 * live connections) or in a listener after a change was already stored. The library carries on
 * (a timer tries again next round, a connection is closed so that its client resumes, the stored
 * message stays sent); the report is how an operator learns of it. Called from library threads,
 * possibly from several at once: an implementation must be thread-safe and return quickly.
 */
@FunctionalInterface
public interface ErrorReporter {

    /** Reports that {@code error} happened in {@code where}. */
    void report(Where where, Throwable error);

    /** Where a failure happened: a bounded set, each with a label fit for a metric. */
    enum Where {
        /** Renewing the presence claims of this instance's connections. */
        PRESENCE_HEARTBEAT("presence_heartbeat"),
        /** Looking for expired presence claims and announcing their users offline. */
        PRESENCE_SWEEP("presence_sweep"),
        /** A live connection's work (replay, gap filling, delivery, typing); the connection was closed. */
        LIVE_CONNECTION("live_connection"),
        /** Handing an event from the live event bus to this instance's connections. */
        LIVE_DISPATCH("live_dispatch"),
        /** A listener of committed changes; the change itself stands. */
        EVENT_LISTENER("event_listener"),
        /** A step of a deleted account's erasure; the erasure resumes at the next start (or deletion request). */
        ACCOUNT_ERASURE("account_erasure");

        private final String label;

        Where(String label) {
            this.label = label;
        }

        /** The label in metrics and logs. */
        public String label() {
            return label;
        }
    }

    /** Writes each failure to the JDK's {@link System.Logger} named {@code io.chatplatform}, at WARNING. */
    static ErrorReporter systemLogger() {
        System.Logger log = System.getLogger("io.chatplatform");
        return (where, error) -> log.log(Level.WARNING, "Chat library failure in " + where.label(), error);
    }

    /**
     * Counts each failure in {@code metrics} ({@link ChatMetrics#libraryError}), then tells
     * {@code reporter}. A reporter that throws is itself reported to the {@link #systemLogger()}:
     * reporting never fails the library's own work.
     */
    static ErrorReporter counted(ErrorReporter reporter, ChatMetrics metrics) {
        Objects.requireNonNull(reporter, "reporter");
        Objects.requireNonNull(metrics, "metrics");
        ErrorReporter fallback = systemLogger();
        return (where, error) -> {
            metrics.libraryError(where.label());
            try {
                reporter.report(where, error);
            } catch (RuntimeException e) {
                e.addSuppressed(error);
                fallback.report(where, e);
            }
        };
    }
}
