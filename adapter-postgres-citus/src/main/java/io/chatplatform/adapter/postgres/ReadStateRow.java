package io.chatplatform.adapter.postgres;

import io.chatplatform.application.port.out.MoveReadMarker.ReadState;
import org.jdbi.v3.core.mapper.RowMapper;

/** What {@link Sql#MARK_READ} returns. */
record ReadStateRow(long lastReadSeq, long lastSeq) {

    /** Reads what {@link Sql#MARK_READ} returns, by name. */
    static final RowMapper<ReadStateRow> MAPPER = (rs, ctx) -> new ReadStateRow(rs.getLong("last_read_seq"),
            rs.getLong("last_seq"));

    ReadState toDomain() {
        return new ReadState(lastReadSeq, lastSeq);
    }
}
