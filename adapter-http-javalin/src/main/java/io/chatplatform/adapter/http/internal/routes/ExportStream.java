package io.chatplatform.adapter.http.internal.routes;

import com.fasterxml.jackson.core.JsonGenerator;
import io.chatplatform.adapter.http.internal.route.JsonStream;
import io.chatplatform.adapter.http.internal.view.AccountExportView;
import io.chatplatform.adapter.http.internal.view.MessageView;
import io.chatplatform.adapter.http.internal.view.OwnProfileView;
import io.chatplatform.adapter.http.internal.view.SessionView;
import io.chatplatform.application.port.in.ExportAccount;
import io.chatplatform.domain.conversation.InboxEntry;
import io.chatplatform.domain.message.Message;
import io.chatplatform.domain.session.Session;
import io.chatplatform.domain.session.SessionId;
import io.chatplatform.domain.user.Account;
import io.chatplatform.domain.user.UserId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The caller's export as JSON, written while {@link ExportAccount} reads it: each piece the port
 * hands over is written at once and then forgotten, so the export of any account runs in the
 * memory of one page. The document has the shape of {@link AccountExportView}; its pieces are the
 * views the other routes show them with. The stream starts with the profile, the port's first
 * piece: an account that is gone writes nothing, and a store that fails before then is answered
 * as on any route.
 */
final class ExportStream implements JsonStream {

    private final ExportAccount exportAccount;
    private final UserId caller;
    private final SessionId current;
    private final Instant exportedAt;

    ExportStream(ExportAccount exportAccount, UserId caller, SessionId current, Instant exportedAt) {
        this.exportAccount = Objects.requireNonNull(exportAccount, "exportAccount");
        this.caller = Objects.requireNonNull(caller, "caller");
        this.current = Objects.requireNonNull(current, "current");
        this.exportedAt = Objects.requireNonNull(exportedAt, "exportedAt");
    }

    @Override
    public boolean writeTo(Start start) {
        return exportAccount.export(caller, new Writer(start));
    }

    /** Writes each piece in the order the port hands them over (its contract). */
    private final class Writer implements ExportAccount.Sink {
        private final Start start;
        private JsonGenerator json;

        Writer(Start start) {
            this.start = start;
        }

        @Override
        public void profile(Account account) {
            write(() -> {
                json = start.generator();
                json.writeStartObject();
                json.writeFieldName("exported_at");
                json.writeObject(exportedAt);
                json.writeFieldName("profile");
                json.writeObject(OwnProfileView.of(account));
            });
        }

        @Override
        public void sessions(List<Session> sessions) {
            write(() -> {
                json.writeArrayFieldStart("sessions");
                for (Session session : sessions) {
                    json.writeObject(SessionView.of(session, session.id().equals(current)));
                }
                json.writeEndArray();
                json.writeArrayFieldStart("conversations");
                // the status and headers go out now: the client sees the download begin before the histories are read
                json.flush();
            });
        }

        @Override
        public void conversation(InboxEntry entry) {
            write(() -> {
                json.writeStartObject();
                json.writeNumberField("user_id", entry.peer().value());
                json.writeStringField("username", entry.peerUsername().value());
                json.writeBooleanField("peer_deleted", entry.peerDeleted());
                json.writeArrayFieldStart("messages");
            });
        }

        @Override
        public void messages(List<Message> page) {
            write(() -> {
                for (Message message : page) {
                    json.writeObject(MessageView.of(message));
                }
            });
        }

        @Override
        public void conversationEnd() {
            write(() -> {
                json.writeEndArray();
                json.writeEndObject();
            });
        }

        @Override
        public void end() {
            write(() -> {
                json.writeEndArray();
                json.writeEndObject();
            });
        }

        /** The sink's methods cannot throw {@link IOException}: a failed write ends the export unchecked. */
        private void write(Piece piece) {
            try {
                piece.write();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @FunctionalInterface
    private interface Piece {
        void write() throws IOException;
    }
}
