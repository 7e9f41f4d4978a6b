package io.chatplatform.application.realtime;

import io.chatplatform.application.port.out.ChatMetrics;
import io.chatplatform.application.port.out.ErrorReporter;
import io.chatplatform.application.port.out.LoadInbox;
import io.chatplatform.application.port.in.MarkDelivered;
import io.chatplatform.application.port.out.LoadChanges;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * What every {@link LiveSession} of an instance shares: the settings, the stores it replays from,
 * the parts it hands work to, and where it reports.
 *
 * @param executor runs the sessions' mailboxes
 */
record SessionContext(RealtimeSettings settings, LoadInbox inbox, LoadChanges changes, MarkDelivered deliveries,
                      ConnectionRegistry connections,
                      PresenceKeeper presence, TypingRelay typing, Executor executor, ChatMetrics metrics,
                      ErrorReporter errors) {

    SessionContext {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(inbox, "inbox");
        Objects.requireNonNull(changes, "changes");
        Objects.requireNonNull(deliveries, "deliveries");
        Objects.requireNonNull(connections, "connections");
        Objects.requireNonNull(presence, "presence");
        Objects.requireNonNull(typing, "typing");
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(errors, "errors");
    }
}
