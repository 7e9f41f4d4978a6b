package io.chatplatform.adapter.http.internal.routes;

import static io.chatplatform.adapter.http.internal.request.Input.Source.JSON_BODY;
import static io.chatplatform.adapter.http.internal.request.Input.Source.PATH;
import static io.chatplatform.adapter.http.internal.request.Input.Source.QUERY;

import io.chatplatform.adapter.http.internal.json.Json;
import io.chatplatform.adapter.http.internal.request.Constraints;
import io.chatplatform.adapter.http.internal.request.Input;
import io.chatplatform.adapter.http.internal.request.RequestReader;
import io.chatplatform.adapter.http.internal.route.Call;
import io.chatplatform.adapter.http.internal.route.Outcomes;
import io.chatplatform.adapter.http.internal.route.Refusal;
import io.chatplatform.adapter.http.internal.route.Response;
import io.chatplatform.adapter.http.internal.route.Route;
import io.chatplatform.adapter.http.internal.route.RouteTable;
import io.chatplatform.adapter.http.internal.view.EditView;
import io.chatplatform.adapter.http.internal.view.ErrorView;
import io.chatplatform.adapter.http.internal.view.MessageView;
import io.chatplatform.application.port.in.ChangeMessage;
import io.chatplatform.application.port.in.ChangeMessage.Changed;
import io.chatplatform.application.port.in.ChangeMessage.EditHistory;
import io.chatplatform.application.port.in.ChangeMessage.Gone;
import io.chatplatform.application.port.in.ChangeMessage.NotFound;
import io.chatplatform.application.port.in.ChangeMessage.TooManyEdits;
import io.chatplatform.application.port.in.ChangeMessage.TooManyEmoji;
import io.chatplatform.application.port.in.ChangeMessage.Unchanged;
import io.chatplatform.application.port.in.ChangeMessage.WindowClosed;
import io.chatplatform.application.port.in.Throttled;
import io.chatplatform.domain.InvalidValueException;
import io.chatplatform.domain.message.Emoji;
import io.chatplatform.domain.message.Message;
import io.chatplatform.domain.message.MessageContent;
import io.chatplatform.domain.message.MessageId;
import java.util.Objects;
import java.util.function.Function;

/**
 * Messages after they were sent: edit one and list its earlier versions, delete it for everyone
 * or for oneself, react to it and take a reaction back. Each route is one call of
 * {@link ChangeMessage}.
 *
 * <p>Whoever is not a participant of the message's conversation gets the same 404 as for a
 * message that does not exist, and so does a participant asking for what only the sender may do
 * (edit, delete for everyone): the answer never says whether the message exists. A message deleted
 * for everyone is a 409, not a 404: both participants see its tombstone in their history, so it
 * exists; the request conflicts with its state.
 */
public final class MessageChangeRoutes {

    static final String ME = "me";
    static final String EVERYONE = "everyone";

    private static final String NOT_FOUND = "Message not found";
    private static final String GONE = "Message was deleted";
    private static final String THROTTLED = "the caller changed too many messages lately";

    /** The message as a change left it, or as it stood when the change was a repeat. */
    private static final Response<MessageView> CURRENT = Response.json(200,
            "The message as it stands now (also when the request changed nothing: a repeat)", MessageView.class);
    private static final Response<Void> DELETED = Response.withoutBody(204,
            "Deleted (also when it was already deleted so)");

    private static final Response<ErrorView> EDIT_CONFLICT = Response.error(409,
            "The message cannot be edited any more: it was deleted for everyone, its edit window closed, or it was"
                    + " edited the most times allowed");
    private static final Response<ErrorView> REACT_CONFLICT = Response.error(409,
            "The message was deleted for everyone, or carries the most different emoji allowed");
    private static final Response<ErrorView> UNREACT_CONFLICT = Response.error(409,
            "The message was deleted for everyone: its reactions went with its content");

    private static final Outcomes<ChangeMessage.Result> EDITED = answered(CURRENT, MessageView::of,
            "No such message, or the caller is not its sender (only the sender may edit it)")
            .refuse(Gone.class, Refusal.of(EDIT_CONFLICT, gone -> GONE))
            .refuse(WindowClosed.class, Refusal.of(EDIT_CONFLICT, closed ->
                    "The edit window of this message closed at " + Json.timestamp(closed.closedAt())))
            .refuse(TooManyEdits.class, Refusal.of(EDIT_CONFLICT, edits ->
                    "This message was edited the maximum of " + edits.limit() + " times"))
            .never(TooManyEmoji.class, "an edit adds no emoji")
            .exhaustively();
    private static final Outcomes<ChangeMessage.Result> DELETED_OUTCOMES = answered(DELETED, message -> null,
            "No such message, or not the caller's to delete so: anyone but its sender deletes only for"
                    + " themselves (for=me)")
            .never(Gone.class, "deleting a deleted message again is a repeat")
            .never(WindowClosed.class, "deletion has no time limit")
            .never(TooManyEdits.class, "a deletion is no edit")
            .never(TooManyEmoji.class, "a deletion adds no emoji")
            .exhaustively();
    private static final Outcomes<ChangeMessage.Result> REACTED = answered(CURRENT, MessageView::of,
            "No such message in a conversation of the caller")
            .refuse(Gone.class, Refusal.of(REACT_CONFLICT, gone -> GONE))
            .refuse(TooManyEmoji.class, Refusal.of(REACT_CONFLICT, emoji ->
                    "This message already carries the maximum of " + emoji.limit() + " different emoji"))
            .never(WindowClosed.class, "reactions have no time limit")
            .never(TooManyEdits.class, "a reaction is no edit")
            .exhaustively();
    private static final Outcomes<ChangeMessage.Result> UNREACTED = answered(CURRENT, MessageView::of,
            "No such message in a conversation of the caller")
            .refuse(Gone.class, Refusal.of(UNREACT_CONFLICT, gone -> GONE))
            .never(WindowClosed.class, "reactions have no time limit")
            .never(TooManyEdits.class, "a reaction is no edit")
            .never(TooManyEmoji.class, "taking a reaction back adds no emoji")
            .exhaustively();
    private static final Outcomes<ChangeMessage.Edits> EDITS = Outcomes.of(ChangeMessage.Edits.class)
            .answer(EditHistory.class, Response.jsonList(200, "Every earlier version, oldest first; empty when the"
                    + " message was never edited or was deleted for everyone", EditView.class),
                    history -> history.versions().stream().map(EditView::of).toList())
            .refuse(NotFound.class, Refusal.of(404, "No such message in a conversation of the caller", NOT_FOUND))
            .exhaustively();

    static final Input<MessageId> EDITED_ID = Input.id(PATH, "message_id", MessageId::of, "The message to edit");
    static final Input<MessageId> LISTED_ID = Input.id(PATH, "message_id", MessageId::of,
            "The message whose earlier versions to list");
    static final Input<MessageId> DELETED_ID = Input.id(PATH, "message_id", MessageId::of, "The message to delete");
    static final Input<MessageId> REACTED_ID = Input.id(PATH, "message_id", MessageId::of,
            "The message the reaction is on");
    static final Input<String> FOR = Input.text(QUERY, "for", MessageChangeRoutes::scope,
            "'everyone' (only its sender may): the content and its earlier versions are erased and a tombstone stays"
                    + " in both histories; 'me' (either participant): hidden from the caller's own history only")
            .constrained(Constraints.oneOf(EVERYONE, ME)).optional(EVERYONE);
    static final Input<Emoji> EMOJI = Input.text(PATH, "emoji", Emoji::of,
            "Exactly one emoji, percent-encoded as UTF-8 (👍 is %F0%9F%91%8D): a single emoji character, with a"
                    + " skin tone or not, a flag, a keycap, or a sequence joined by U+200D (👩‍💻); not text."
                    + " With or without U+FE0F it is the same emoji");

    private final ChangeMessage changeMessage;

    public MessageChangeRoutes(ChangeMessage changeMessage) {
        this.changeMessage = Objects.requireNonNull(changeMessage, "changeMessage");
    }

    public void register(RouteTable routes) {
        routes.add(Route.patch("/messages/{message_id}").tag(MessageRoutes.TAG)
                .summary("Edit a message the caller sent")
                .description("Replaces the content of the message; only its sender may, within the edit window after"
                        + " sending and up to the most edits allowed. The text it replaces is kept as an earlier version"
                        + " (GET /messages/{message_id}/edits) and edited_at is set. Both participants' live connections"
                        + " get message.updated. The same content again changes nothing and answers the message.")
                .authenticated()
                .inputs(EDITED_ID, MessageRoutes.CONTENT)
                .answers(EDITED)
                .handle(this::edit));
        routes.add(Route.get("/messages/{message_id}/edits").tag(MessageRoutes.TAG)
                .summary("The earlier versions of a message")
                .description("Every text the message had before an edit replaced it, oldest first: the text it was"
                        + " sent with (edited_at null), then each later one with the time the edit that made it"
                        + " happened. Either participant may ask. A message deleted for everyone has none: they were"
                        + " erased with it.")
                .authenticated()
                .inputs(LISTED_ID)
                .answers(EDITS)
                .handle(this::edits));
        routes.add(Route.delete("/messages/{message_id}").tag(MessageRoutes.TAG)
                .summary("Delete a message, for everyone or for the caller only")
                .description("for=everyone (the default; only its sender may): its content, earlier versions and"
                        + " reactions are erased; both histories keep a tombstone (content null, deleted_at set) so"
                        + " that seqs stay contiguous, and both participants' connections get message.deleted."
                        + " for=me (either participant): the message is hidden from the caller's own history and only"
                        + " the caller's connections are told. Deleting again answers 204 as well.")
                .authenticated()
                .inputs(DELETED_ID, FOR)
                .answers(DELETED_OUTCOMES)
                .handle(this::delete));
        routes.add(Route.put("/messages/{message_id}/reactions/{emoji}").tag(MessageRoutes.TAG)
                .summary("React to a message with an emoji")
                .description("Adds the caller's reaction; either participant may, once per emoji (repeating it"
                        + " changes nothing), with as many different emoji as the message may carry. Both"
                        + " participants' connections get reaction.updated.")
                .authenticated()
                .inputs(REACTED_ID, EMOJI)
                .answers(REACTED)
                .handle(this::react));
        routes.add(Route.delete("/messages/{message_id}/reactions/{emoji}").tag(MessageRoutes.TAG)
                .summary("Take back a reaction")
                .description("Removes the caller's reaction with this emoji; an emoji the caller did not react with"
                        + " changes nothing. Both participants' connections get reaction.updated.")
                .authenticated()
                .inputs(REACTED_ID, EMOJI)
                .answers(UNREACTED)
                .handle(this::unreact));
    }

    /**
     * The cases every change answers alike: the message (or no body) when it was changed or
     * already so, 404 for a message the caller may not change so, 429 for a caller over the limit.
     */
    private static <V> Outcomes.Cases<ChangeMessage.Result> answered(Response<V> answer, Function<Message, V> view,
                                                                     String notFound) {
        return Outcomes.of(ChangeMessage.Result.class)
                .answer(Changed.class, answer, changed -> view.apply(changed.message()))
                .answer(Unchanged.class, answer, same -> view.apply(same.message()))
                .refuse(NotFound.class, Refusal.of(404, notFound, NOT_FOUND))
                .refuse(Throttled.class, Refusal.throttled(THROTTLED));
    }

    private static String scope(String value) {
        if (!value.equals(EVERYONE) && !value.equals(ME)) {
            throw new InvalidValueException("for", "must be " + EVERYONE + " or " + ME);
        }
        return value;
    }

    private ChangeMessage.Result edit(Call call) {
        RequestReader in = call.in();
        MessageId message = in.get(EDITED_ID);
        MessageContent content = in.get(MessageRoutes.CONTENT);
        in.check();
        return changeMessage.edit(call.caller(), message, content);
    }

    private ChangeMessage.Edits edits(Call call) {
        RequestReader in = call.in();
        MessageId message = in.get(LISTED_ID);
        in.check();
        return changeMessage.edits(call.caller(), message);
    }

    private ChangeMessage.Result delete(Call call) {
        RequestReader in = call.in();
        MessageId message = in.get(DELETED_ID);
        String scope = in.get(FOR);
        in.check();
        return scope.equals(ME)
                ? changeMessage.deleteForMe(call.caller(), message)
                : changeMessage.deleteForEveryone(call.caller(), message);
    }

    private ChangeMessage.Result react(Call call) {
        RequestReader in = call.in();
        MessageId message = in.get(REACTED_ID);
        Emoji emoji = in.get(EMOJI);
        in.check();
        return changeMessage.react(call.caller(), message, emoji);
    }

    private ChangeMessage.Result unreact(Call call) {
        RequestReader in = call.in();
        MessageId message = in.get(REACTED_ID);
        Emoji emoji = in.get(EMOJI);
        in.check();
        return changeMessage.unreact(call.caller(), message, emoji);
    }
}
