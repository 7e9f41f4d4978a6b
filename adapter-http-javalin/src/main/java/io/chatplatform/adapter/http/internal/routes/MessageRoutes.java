package io.chatplatform.adapter.http.internal.routes;

import static io.chatplatform.adapter.http.internal.request.Input.Source.HEADER;
import static io.chatplatform.adapter.http.internal.request.Input.Source.JSON_BODY;
import static io.chatplatform.adapter.http.internal.request.Input.Source.PATH;
import static io.chatplatform.adapter.http.internal.request.Input.Source.QUERY;

import io.chatplatform.adapter.http.internal.json.RenderedViews;
import io.chatplatform.adapter.http.internal.request.Constraints;
import io.chatplatform.adapter.http.internal.request.Input;
import io.chatplatform.adapter.http.internal.request.RequestReader;
import io.chatplatform.adapter.http.internal.route.Call;
import io.chatplatform.adapter.http.internal.route.Outcomes;
import io.chatplatform.adapter.http.internal.route.Refusal;
import io.chatplatform.adapter.http.internal.route.Response;
import io.chatplatform.adapter.http.internal.route.Route;
import io.chatplatform.adapter.http.internal.route.RouteTable;
import io.chatplatform.adapter.http.internal.route.Tag;
import io.chatplatform.adapter.http.internal.view.MessageReadView;
import io.chatplatform.adapter.http.internal.view.MessageView;
import io.chatplatform.application.port.in.MarkRead;
import io.chatplatform.application.port.in.ReadHistory;
import io.chatplatform.application.port.in.SendMessage;
import io.chatplatform.application.port.in.Throttled;
import io.chatplatform.domain.block.BlockPolicy;
import io.chatplatform.domain.message.ClientMessageId;
import io.chatplatform.domain.message.HistoryPage;
import io.chatplatform.domain.message.Message;
import io.chatplatform.domain.message.MessageContent;
import io.chatplatform.domain.message.MessageId;
import io.chatplatform.domain.user.UserId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Messages: send, read a conversation's history, mark one message read (their changes: {@link MessageChangeRoutes}). */
public final class MessageRoutes {

    static final Tag TAG = new Tag("messages",
            "Sending direct messages, reading a conversation's history, and changing messages: edits, deletions,"
                    + " reactions");
    private static final Constraints CLIENT_MESSAGE_ID_RULES =
            Constraints.length(ClientMessageId.MIN_LENGTH, ClientMessageId.MAX_LENGTH);
    static final Input<UserId> RECIPIENT_ID = Input.id(JSON_BODY, "recipient_id", UserId::of,
            "Who receives the message; may be the sender (notes to self)");
    static final Input<MessageContent> CONTENT = Input.text(JSON_BODY, "content", MessageContent::of,
            MessageContent.MIN_LENGTH + " to " + MessageContent.MAX_LENGTH + " characters, not only white space, no NUL;"
                    + " stored and returned unchanged")
            .constrained(Constraints.length(MessageContent.MIN_LENGTH, MessageContent.MAX_LENGTH));
    static final Input<ClientMessageId> CLIENT_MESSAGE_ID = Input.text(JSON_BODY, "client_message_id",
            ClientMessageId::of, "The sender's own key for the message (" + ClientMessageId.MIN_LENGTH + " to "
                    + ClientMessageId.MAX_LENGTH + " printable characters, not only spaces): a retry with the same key"
                    + " returns the original message instead of sending it twice")
            .constrained(CLIENT_MESSAGE_ID_RULES).optional();
    static final Input<ClientMessageId> IDEMPOTENCY_KEY = Input.text(HEADER, "Idempotency-Key", ClientMessageId::of,
            "The same as client_message_id, for clients that prefer a header; the body wins if both are given")
            .constrained(CLIENT_MESSAGE_ID_RULES).optional();

    static final Input<MessageId> REPLY_TO = Input.id(JSON_BODY, "reply_to_message_id", MessageId::of,
            "The message this one answers: a message of the same conversation (also one deleted for everyone)")
            .optional();

    private static final RenderedViews<List<Message>, List<MessageView>> PAGES =
            new RenderedViews<>(page -> page.stream().map(MessageView::of).toList());
    static final String BLOCKED_BY_RECIPIENT = "You cannot message this user";
    static final String RECIPIENT_BLOCKED = "Unblock this user to message them";

    /** The message a send stored, or the one an earlier attempt with the same key stored. */
    private static final Response<MessageView> STORED = Response.json(200,
            "The message as stored (the original one for a retry)", MessageView.class);
    private static final Outcomes<SendMessage.Result> SENT = Outcomes.of(SendMessage.Result.class)
            .answer(SendMessage.Sent.class, STORED, sent -> MessageView.of(sent.message()))
            .answer(SendMessage.AlreadySent.class, STORED, earlier -> MessageView.of(earlier.message()))
            .refuse(SendMessage.RecipientNotFound.class, Refusal.of(404, "Recipient not found"))
            .refuse(SendMessage.Blocked.class, Refusal.of(Response.error(403, "A block stands between the caller and"
                    + " the recipient: the recipient blocked the caller ('" + BLOCKED_BY_RECIPIENT + "'), or the caller"
                    + " blocked the recipient ('" + RECIPIENT_BLOCKED + "'); nothing was stored"),
                    blocked -> blocked.why() == BlockPolicy.SendRefusal.BLOCKED_BY_RECIPIENT
                            ? BLOCKED_BY_RECIPIENT
                            : RECIPIENT_BLOCKED))
            .refuse(SendMessage.ReplyNotFound.class, Refusal.invalid(REPLY_TO, "must be a message of this conversation",
                    "Validation error: every offending input; also a reply_to_message_id that is not a message of the"
                    + " conversation of the caller and recipient_id"))
            .refuse(Throttled.class, Refusal.throttled("the caller sent too many messages lately"))
            // the token outlived its account
            .refuse(SendMessage.SenderUnknown.class, Refusal.invalidCredentials())
            .exhaustively();
    // a cached page comes back as the same list: its JSON is rendered once
    private static final Outcomes<List<Message>> PAGE = Outcomes.rendered(
            Response.jsonList(200, "A page of the conversation; empty when there is none", MessageView.class), PAGES);
    private static final Outcomes<MarkRead.Result> MESSAGE_READ = Outcomes.of(MarkRead.Result.class)
            .answer(MarkRead.Marked.class, Response.json(200, "The message is read", MessageReadView.class),
                    marked -> MessageReadView.MARKED)
            .refuse(MarkRead.NotFound.class, Refusal.of(404, "Message not found or not accessible"))
            .exhaustively();

    static final Input<UserId> WITH_USER_ID = Input.id(QUERY, "with_user_id", UserId::of,
            "The other participant of the conversation");
    static final Input<Integer> LIMIT = Input.integer(QUERY, "limit", 1, HistoryPage.MAX_LIMIT,
            "At most this many messages").optional(HistoryPage.DEFAULT_LIMIT);
    static final Input<Integer> OFFSET = Input.integer(QUERY, "offset", 0, HistoryPage.MAX_OFFSET,
            "Skip this many of the newest messages (kept for old clients; prefer before_id)").optional(0);
    static final Input<MessageId> BEFORE_ID = Input.id(QUERY, "before_id", MessageId::of,
            "Only messages older than this one: a cursor that stays stable while new messages arrive").optional();

    static final Input<MessageId> MESSAGE_ID = Input.id(PATH, "message_id", MessageId::of,
            "The message to mark read, with everything before it");

    private final SendMessage sendMessage;
    private final ReadHistory readHistory;
    private final MarkRead markRead;

    public MessageRoutes(SendMessage sendMessage, ReadHistory readHistory, MarkRead markRead) {
        this.sendMessage = Objects.requireNonNull(sendMessage, "sendMessage");
        this.readHistory = Objects.requireNonNull(readHistory, "readHistory");
        this.markRead = Objects.requireNonNull(markRead, "markRead");
    }

    public void register(RouteTable routes) {
        routes.add(Route.post("/send").tag(TAG).summary("Send a direct message")
                .description("Stores the message in the conversation of the caller and recipient_id (a user may"
                        + " write to themself), gives it the conversation's next seq and announces it on the live"
                        + " connections (GET /ws)."
                        + " With client_message_id (or an Idempotency-Key header) a retry answers the message the"
                        + " first attempt stored, with the same id, instead of storing it twice."
                        + " With reply_to_message_id it answers that message, which must be of the same conversation."
                        + " A block between the two, either way, refuses it with a 403 that says which way.")
                .authenticated()
                .inputs(RECIPIENT_ID, CONTENT, CLIENT_MESSAGE_ID, IDEMPOTENCY_KEY, REPLY_TO)
                .answers(SENT)
                .handle(this::send));
        routes.add(Route.get("/messages").tag(TAG).summary("The conversation with one user, newest first")
                .description("A page of the caller's conversation with with_user_id, newest first: the newest"
                        + " messages, or those older than before_id (a cursor that stays stable while messages"
                        + " arrive), or after skipping offset of them (kept for old clients).")
                .authenticated().tokenInQueryAllowed()
                .inputs(WITH_USER_ID, LIMIT, OFFSET, BEFORE_ID)
                .answers(PAGE)
                .handle(this::history));
        routes.add(Route.post("/messages/{message_id}/read").tag(TAG)
                .summary("Mark a message received by the caller, and everything before it, read")
                .description("Moves the caller's read marker in the message's conversation up to this message;"
                        + " only its recipient may. Any other caller, and an unknown id, get the same 404.")
                .authenticated()
                .inputs(MESSAGE_ID)
                .answers(MESSAGE_READ)
                .handle(this::markMessageRead));
    }

    private SendMessage.Result send(Call call) {
        RequestReader in = call.in();
        UserId recipient = in.get(RECIPIENT_ID);
        MessageContent content = in.get(CONTENT);
        ClientMessageId key = in.isGiven(CLIENT_MESSAGE_ID) ? in.get(CLIENT_MESSAGE_ID) : in.get(IDEMPOTENCY_KEY);
        MessageId replyTo = in.get(REPLY_TO);
        in.check();
        return sendMessage.send(new SendMessage.Command(call.caller(), recipient, content, Optional.ofNullable(key),
                Optional.ofNullable(replyTo)));
    }

    private List<Message> history(Call call) {
        RequestReader in = call.in();
        UserId peer = in.get(WITH_USER_ID);
        Integer limit = in.get(LIMIT);
        Integer offset = in.get(OFFSET);
        MessageId before = in.get(BEFORE_ID);
        in.check();
        var page = new HistoryPage(limit, offset, Optional.ofNullable(before));
        return readHistory.history(new ReadHistory.Query(call.caller(), peer, page));
    }

    private MarkRead.Result markMessageRead(Call call) {
        RequestReader in = call.in();
        MessageId message = in.get(MESSAGE_ID);
        in.check();
        return markRead.markMessageRead(call.caller(), message);
    }
}
