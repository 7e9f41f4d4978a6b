package io.chatplatform.adapter.http.internal.routes;

import static io.chatplatform.adapter.http.internal.request.Input.Source.PATH;
import static io.chatplatform.adapter.http.internal.request.Input.Source.QUERY;

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
import io.chatplatform.adapter.http.internal.view.OnlineUserView;
import io.chatplatform.adapter.http.internal.view.PublicProfileView;
import io.chatplatform.adapter.http.internal.view.UserSearchResultView;
import io.chatplatform.application.port.in.ListOnlineUsers;
import io.chatplatform.application.port.in.SearchUsers;
import io.chatplatform.application.port.in.Throttled;
import io.chatplatform.application.port.in.ViewProfile.PublicProfile;
import io.chatplatform.application.port.in.ViewProfile;
import io.chatplatform.domain.user.SearchTerm;
import io.chatplatform.domain.user.UserId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Finding other users: search, who is online, public profiles. Registered after
 * {@code /users/me} and in this order, because {@code /users/{user_id}} would match the fixed
 * paths too.
 */
public final class DirectoryRoutes {

    private static final Tag TAG = new Tag("directory", "Finding other users: search, who is online, public profiles");

    static final Input<SearchTerm> QUERY_TERM = Input.text(QUERY, "query", SearchTerm::parse,
            "Part of a username or display name, " + SearchTerm.MIN_LENGTH + " to " + SearchTerm.MAX_LENGTH
                    + " characters after surrounding spaces are trimmed, case-insensitive; % and _ are literal")
            .constrained(Constraints.length(SearchTerm.MIN_LENGTH, SearchTerm.MAX_LENGTH));
    static final Input<Integer> SEARCH_LIMIT = Input.integer(QUERY, "limit", 1, SearchUsers.Query.MAX_LIMIT,
            "At most this many users").optional(SearchUsers.Query.DEFAULT_LIMIT);
    static final Input<Integer> ONLINE_LIMIT = Input.integer(QUERY, "limit", 1, ListOnlineUsers.Query.MAX_LIMIT,
            "At most this many users").optional(ListOnlineUsers.Query.DEFAULT_LIMIT);
    static final Input<UserId> USER_ID = Input.id(PATH, "user_id", UserId::of, "The user");

    private static final Outcomes<SearchUsers.Result> FOUND = Outcomes.of(SearchUsers.Result.class)
            .answer(SearchUsers.Found.class, Response.jsonList(200, "Best matches first", UserSearchResultView.class),
                    found -> found.users().stream().map(UserSearchResultView::of).toList())
            .refuse(Throttled.class, Refusal.throttled("the caller searched too often lately"))
            .exhaustively();
    private static final Outcomes<List<OnlineUserView>> ONLINE = Outcomes.ok(
            Response.jsonList(200, "Most recently active first", OnlineUserView.class));
    private static final Outcomes<Optional<PublicProfile>> PROFILE = Outcomes.present(
            Response.json(200, "The profile", PublicProfileView.class), PublicProfileView::of,
            Refusal.of(404, "User not found"));

    private final SearchUsers searchUsers;
    private final ListOnlineUsers listOnlineUsers;
    private final ViewProfile viewProfile;

    public DirectoryRoutes(SearchUsers searchUsers, ListOnlineUsers listOnlineUsers, ViewProfile viewProfile) {
        this.searchUsers = Objects.requireNonNull(searchUsers, "searchUsers");
        this.listOnlineUsers = Objects.requireNonNull(listOnlineUsers, "listOnlineUsers");
        this.viewProfile = Objects.requireNonNull(viewProfile, "viewProfile");
    }

    public void register(RouteTable routes) {
        routes.add(Route.get("/users/search").tag(TAG).summary("Find users by username or display name; never the caller")
                .description("Users whose username or display name contains the query, ignoring case: an exact"
                        + " username first, then usernames that start with it, then the rest.")
                .authenticated()
                .inputs(QUERY_TERM, SEARCH_LIMIT)
                .answers(FOUND)
                .handle(this::search));
        routes.add(Route.get("/users/online").tag(TAG).summary("Users online now; never the caller")
                .description("Users who made an authenticated request in the last 5 minutes or hold an open"
                        + " WebSocket, on any instance of the service.")
                .authenticated()
                .inputs(ONLINE_LIMIT)
                .answers(ONLINE)
                .handle(this::online));
        routes.add(Route.get("/users/{user_id}").tag(TAG).summary("A user's public profile")
                .description("What every signed-in user may see of another: name, profile and whether they are"
                        + " online; never their email.")
                .authenticated()
                .inputs(USER_ID)
                .answers(PROFILE)
                .handle(this::profile));
    }

    private SearchUsers.Result search(Call call) {
        RequestReader in = call.in();
        SearchTerm term = in.get(QUERY_TERM);
        Integer limit = in.get(SEARCH_LIMIT);
        in.check();
        return searchUsers.search(new SearchUsers.Query(call.caller(), term, limit));
    }

    private List<OnlineUserView> online(Call call) {
        RequestReader in = call.in();
        Integer limit = in.get(ONLINE_LIMIT);
        in.check();
        return listOnlineUsers.onlineUsers(new ListOnlineUsers.Query(call.caller(), limit)).stream()
                .map(OnlineUserView::of)
                .toList();
    }

    private Optional<PublicProfile> profile(Call call) {
        RequestReader in = call.in();
        UserId target = in.get(USER_ID);
        in.check();
        return viewProfile.profileOf(call.caller(), target);
    }
}
