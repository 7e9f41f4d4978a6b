package io.chatplatform.adapter.postgres;

import io.chatplatform.application.port.out.MoveReadMarker.ReadState;

/** What {@link Sql#MARK_READ} returns. */
record ReadStateRow(long lastReadSeq, long lastSeq) {

    ReadState toDomain() {
        return new ReadState(lastReadSeq, lastSeq);
    }
}
