package io.chatplatform.adapter.postgres;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Column readers shared by the row mappers. */
final class Rows {

    private Rows() {
    }

    /** A {@code timestamptz} column as an instant, exact to the microsecond PostgreSQL keeps; null stays null. */
    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
