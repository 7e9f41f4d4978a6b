package io.chatplatform.adapter.http.internal.view;

import java.time.Instant;
import java.util.List;

/**
 * The shape of {@code GET /users/me/export}, for the OpenAPI document. The export is never held
 * as one of these: it is written piece by piece while it is read (in the order of the components:
 * {@code exported_at}, {@code profile}, {@code sessions}, then each conversation with its
 * messages), each piece with the view its route shows it with elsewhere.
 *
 * @param profile       as {@code GET /users/me}
 * @param sessions      as {@code GET /sessions}; {@code current} is the session that asked
 * @param conversations every conversation of the caller, each with its every message
 */
public record AccountExportView(Instant exportedAt, OwnProfileView profile, List<SessionView> sessions,
                                List<ExportedConversationView> conversations) {

    /**
     * One conversation of the export.
     *
     * @param userId      the other participant (the caller in notes to self)
     * @param username    theirs; {@code deleted_user} once their account was deleted
     * @param peerDeleted whether their account was deleted (the conversation and its tombstones remain)
     * @param messages    every message of the conversation the caller can see, newest first, as
     *                    {@code GET /messages} shows them
     */
    public record ExportedConversationView(long userId, String username, boolean peerDeleted,
                                           List<MessageView> messages) {
    }
}
