package io.chatplatform.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatplatform.application.port.out.StoreUnavailableException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("translating database failures")
class FailuresTest {

    private static RuntimeException wrapped(SQLException cause) {
        // as Jdbi delivers them: a runtime exception around the driver's
        return new IllegalStateException("statement failed", cause);
    }

    @ParameterizedTest(name = "SQLState {0}")
    @ValueSource(strings = {"08000", "08001", "08003", "08006", "08P01", "57P01", "57P02", "57P03"})
    @DisplayName("lost or refused connections and a server going away count as unavailable")
    void connection_failures(String sqlState) {
        assertThat(Failures.isConnectionFailure(wrapped(new SQLException("down", sqlState)))).isTrue();
    }

    @ParameterizedTest(name = "SQLState {0}")
    @ValueSource(strings = {"23505", "23503", "42P01", "57014", "57P04", "40001", "XX000"})
    @DisplayName("constraint violations, bad SQL, cancellations and the rest are not connection failures")
    void other_failures(String sqlState) {
        assertThat(Failures.isConnectionFailure(wrapped(new SQLException("bug", sqlState)))).isFalse();
    }

    @Test
    @DisplayName("the pool giving up waiting for a connection counts as unavailable, with or without an SQLState")
    void pool_timeout() {
        assertThat(Failures.isConnectionFailure(wrapped(new SQLTransientConnectionException("chat-db - timed out")))).isTrue();
        assertThat(Failures.isConnectionFailure(new SQLException("no state"))).isFalse();
    }

    @Test
    @DisplayName("guard turns a connection failure into StoreUnavailableException and keeps the cause")
    void guard_translates() {
        RuntimeException failure = wrapped(new SQLException("Connection refused", "08001"));

        assertThatThrownBy(() -> Failures.guard(() -> {
            throw failure;
        })).isInstanceOf(StoreUnavailableException.class)
                .hasMessage("PostgreSQL is unavailable: Connection refused")
                .hasCause(failure);
    }

    @Test
    @DisplayName("guard lets every other failure through unchanged")
    void guard_passes_through() {
        RuntimeException failure = wrapped(new SQLException("duplicate key", "23505"));

        assertThatThrownBy(() -> Failures.guard(() -> {
            throw failure;
        })).isSameAs(failure);
        assertThat(Failures.guard(() -> 42)).isEqualTo(42);
    }

    @Test
    @DisplayName("recognises a unique violation anywhere in the cause chain")
    void unique_violation() {
        assertThat(Failures.isUniqueViolation(wrapped(new SQLException("duplicate key", "23505")))).isTrue();
        assertThat(Failures.isUniqueViolation(wrapped(new SQLException("fk", "23503")))).isFalse();
    }
}
