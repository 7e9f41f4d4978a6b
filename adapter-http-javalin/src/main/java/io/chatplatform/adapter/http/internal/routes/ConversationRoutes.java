package io.chatplatform.adapter.http.internal.routes;

import static io.chatplatform.adapter.http.internal.request.Input.Source.JSON_BODY;
import static io.chatplatform.adapter.http.internal.request.Input.Source.PATH;
import static io.chatplatform.adapter.http.internal.request.Input.Source.QUERY;

import io.chatplatform.adapter.http.internal.json.RenderedViews;
import io.chatplatform.adapter.http.internal.request.Input;
import io.chatplatform.adapter.http.internal.request.RequestReader;
import io.chatplatform.adapter.http.internal.route.Call;
import io.chatplatform.adapter.http.internal.route.Outcomes;
import io.chatplatform.adapter.http.internal.route.Refusal;
import io.chatplatform.adapter.http.internal.route.Response;
import io.chatplatform.adapter.http.internal.route.Route;
import io.chatplatform.adapter.http.internal.route.RouteTable;
import io.chatplatform.adapter.http.internal.route.Tag;
import io.chatplatform.adapter.http.internal.view.ConversationReadView;
import io.chatplatform.adapter.http.internal.view.ConversationView;
import io.chatplatform.adapter.http.internal.view.UnreadCountView;
import io.chatplatform.application.port.in.CountUnread;
import io.chatplatform.application.port.in.ListConversations;
import io.chatplatform.application.port.in.MarkRead;
import io.chatplatform.domain.conversation.InboxEntry;
import io.chatplatform.domain.message.MessageId;
import io.chatplatform.domain.user.UserId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Conversations: the caller's list, the unread total, marking a conversation read. */
public final class ConversationRoutes {

    private static final Tag TAG = new Tag("conversations",
            "The caller's conversation list, unread counts and read markers");
    private static final RenderedViews<List<InboxEntry>, List<ConversationView>> LISTS =
            new RenderedViews<>(list -> list.stream().map(ConversationView::of).toList());
    // a cached list comes back as the same list: its JSON is rendered once
    private static final Outcomes<List<InboxEntry>> LISTED = Outcomes.rendered(
            Response.jsonList(200, "One line per conversation", ConversationView.class), LISTS);
    private static final Outcomes<UnreadCountView> COUNTED = Outcomes.ok(
            Response.json(200, "The count", UnreadCountView.class));
    private static final Outcomes<MarkRead.Result> READ = Outcomes.of(MarkRead.Result.class)
            .answer(MarkRead.Marked.class, Response.json(200, "Where the caller's read marker stands now",
                    ConversationReadView.class), marked -> ConversationReadView.marked(marked.upToSeq(), marked.unreadCount()))
            .refuse(MarkRead.NotFound.class, Refusal.of(404, "Conversation not found"))
            .exhaustively();

    static final Input<Integer> LIMIT = Input.integer(QUERY, "limit", 1, ListConversations.Query.MAX_LIMIT,
            "At most this many conversations").optional(ListConversations.Query.DEFAULT_LIMIT);
    static final Input<UserId> PEER = Input.id(PATH, "user_id", UserId::of, "The other participant");
    static final Input<MessageId> UP_TO = Input.id(JSON_BODY, "up_to_message_id", MessageId::of,
            "Mark read up to this message of the conversation; absent (or no body) marks everything").optional();

    private final ListConversations listConversations;
    private final CountUnread countUnread;
    private final MarkRead markRead;

    public ConversationRoutes(ListConversations listConversations, CountUnread countUnread, MarkRead markRead) {
        this.listConversations = Objects.requireNonNull(listConversations, "listConversations");
        this.countUnread = Objects.requireNonNull(countUnread, "countUnread");
        this.markRead = Objects.requireNonNull(markRead, "markRead");
    }

    public void register(RouteTable routes) {
        routes.add(Route.get("/conversations").tag(TAG).summary("The caller's conversations, most recent activity first")
                .description("One line per conversation the caller takes part in: the other participant, how many"
                        + " of its messages the caller has not read, the last message's id, time and first"
                        + " characters (null once it was deleted), and how far the peer's devices received and read"
                        + " the conversation (peer_delivered_up_to_seq, peer_read_up_to_seq: the sender's ticks).")
                .authenticated()
                .inputs(LIMIT)
                .answers(LISTED)
                .handle(this::conversations));
        routes.add(Route.get("/unread-count").tag(TAG).summary("Messages the caller has not read, over all conversations")
                .description("The sum of the unread counts of the caller's conversations. Messages to oneself are"
                        + " never unread.")
                .authenticated()
                .answers(COUNTED)
                .handle(call -> new UnreadCountView(countUnread.unreadCount(call.caller()))));
        routes.add(Route.post("/conversations/{user_id}/read").tag(TAG)
                .summary("Mark the caller's conversation with a user read, entirely or up to a message")
                .description("Moves the caller's read marker in the conversation with user_id: to its newest message,"
                        + " or to up_to_message_id. A marker never moves back; the answer says where it stands and"
                        + " how many messages remain unread.")
                .authenticated()
                .inputs(PEER, UP_TO)
                .answers(READ)
                .handle(this::markConversationRead));
    }

    private List<InboxEntry> conversations(Call call) {
        RequestReader in = call.in();
        Integer limit = in.get(LIMIT);
        in.check();
        return listConversations.conversations(new ListConversations.Query(call.caller(), limit));
    }

    private MarkRead.Result markConversationRead(Call call) {
        RequestReader in = call.in();
        UserId peer = in.get(PEER);
        MessageId upTo = in.get(UP_TO);
        in.check();
        return markRead.markConversationRead(call.caller(), peer, Optional.ofNullable(upTo));
    }
}
