package io.chatplatform.adapter.postgres;

import io.chatplatform.application.port.out.StoreUnavailableException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Turns infrastructure failures into what the ports promise: a database that cannot be reached
 * becomes {@link StoreUnavailableException}; everything else propagates unchanged, because it is
 * a bug rather than an outage.
 */
final class Failures {

    static final String UNIQUE_VIOLATION = "23505";

    // 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up, in recovery)
    private static final Set<String> SERVER_GOING_AWAY = Set.of("57P01", "57P02", "57P03");

    private Failures() {
    }

    /** Runs a database call, translating connection failures. */
    static <T> T guard(Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            if (isConnectionFailure(e)) {
                throw new StoreUnavailableException("PostgreSQL is unavailable: " + rootMessage(e), e);
            }
            throw e;
        }
    }

    /** Runs a database call that returns nothing, translating connection failures. */
    static void guardRun(Runnable call) {
        guard(() -> {
            call.run();
            return null;
        });
    }

    /**
     * Whether the failure means the database could not be reached or dropped the connection:
     * SQLState class 08 (connection exception), the server shutting down or not accepting
     * connections yet, or the pool giving up waiting for a connection.
     */
    static boolean isConnectionFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || SERVER_GOING_AWAY.contains(state)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether the failure is a unique-constraint violation. */
    static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
