package io.chatplatform.adapter.http.internal.routes;

import static io.chatplatform.adapter.http.internal.request.Input.Source.PATH;

import io.chatplatform.adapter.http.internal.request.Input;
import io.chatplatform.adapter.http.internal.request.RequestReader;
import io.chatplatform.adapter.http.internal.route.Call;
import io.chatplatform.adapter.http.internal.route.Outcomes;
import io.chatplatform.adapter.http.internal.route.Refusal;
import io.chatplatform.adapter.http.internal.route.Response;
import io.chatplatform.adapter.http.internal.route.Route;
import io.chatplatform.adapter.http.internal.route.RouteTable;
import io.chatplatform.adapter.http.internal.route.Tag;
import io.chatplatform.adapter.http.internal.view.BlockedUserView;
import io.chatplatform.application.port.in.BlockUsers;
import io.chatplatform.domain.block.BlockPolicy;
import io.chatplatform.domain.user.UserId;
import java.util.List;
import java.util.Objects;

/**
 * Blocking: block and unblock a user, and the list of whom the caller blocked.
 *
 * <p>Blocking oneself is a 422 naming {@code user_id} (the request is wrong whatever the state),
 * blocking past the most users one may is a 409 (the request is right, the caller's block list is
 * full: unblocking someone makes it succeed).
 */
public final class BlockRoutes {

    static final Tag TAG = new Tag("blocking", "Blocking users: a blocked user cannot message the blocker, neither"
            + " sees the other's typing or presence, and the blocker leaves the blocked user's search and online lists");

    static final Input<UserId> BLOCKED = Input.id(PATH, "user_id", UserId::of, "The user to block");
    static final Input<UserId> UNBLOCKED = Input.id(PATH, "user_id", UserId::of, "The user to unblock");

    static final String CANNOT_BLOCK_SELF = "You cannot block yourself";
    static final String CANNOT_UNBLOCK_SELF = "You cannot unblock yourself";
    private static final Response<Void> DONE_BLOCK = Response.withoutBody(204, "The block stands (also when it already did)");
    private static final Response<Void> DONE_UNBLOCK = Response.withoutBody(204,
            "No block of the caller's stands (also when none did)");

    private static final Outcomes<BlockUsers.Result> BLOCKED_OUTCOMES = Outcomes.of(BlockUsers.Result.class)
            .answer(BlockUsers.Done.class, DONE_BLOCK, done -> null)
            .refuse(BlockUsers.UserNotFound.class, Refusal.of(404, "User not found"))
            .refuse(BlockUsers.CannotBlockSelf.class, Refusal.invalidSaying(BLOCKED, CANNOT_BLOCK_SELF,
                    "Validation error: every offending input; also a user_id that is the caller's own ('"
                            + CANNOT_BLOCK_SELF + "')"))
            .refuse(BlockUsers.TooManyBlocked.class, Refusal.of(Response.error(409, "The caller already blocked the"
                    + " most users one may (" + BlockPolicy.MAX_BLOCKED + "); unblock someone first"),
                    full -> "You have blocked the maximum of " + full.limit() + " users"))
            .exhaustively();
    private static final Outcomes<BlockUsers.Result> UNBLOCKED_OUTCOMES = Outcomes.of(BlockUsers.Result.class)
            .answer(BlockUsers.Done.class, DONE_UNBLOCK, done -> null)
            .refuse(BlockUsers.UserNotFound.class, Refusal.of(404, "User not found"))
            .refuse(BlockUsers.CannotBlockSelf.class, Refusal.invalidSaying(UNBLOCKED, CANNOT_UNBLOCK_SELF,
                    "Validation error: every offending input; also a user_id that is the caller's own ('"
                            + CANNOT_UNBLOCK_SELF + "')"))
            .never(BlockUsers.TooManyBlocked.class, "lifting a block adds none")
            .exhaustively();
    private static final Outcomes<List<BlockedUserView>> LISTED = Outcomes.ok(
            Response.jsonList(200, "Whom the caller blocked, by username", BlockedUserView.class));

    private final BlockUsers blockUsers;

    public BlockRoutes(BlockUsers blockUsers) {
        this.blockUsers = Objects.requireNonNull(blockUsers, "blockUsers");
    }

    public void register(RouteTable routes) {
        routes.add(Route.get("/users/me/blocks").tag(TAG).summary("The users the caller blocked")
                .description("Every user the caller blocked, ordered by username.")
                .authenticated()
                .answers(LISTED)
                .handle(call -> blockUsers.blocked(call.caller()).stream().map(BlockedUserView::of).toList()));
        routes.add(Route.put("/users/{user_id}/block").tag(TAG).summary("Block a user")
                .description("From the moment this answers, on every instance: the user's POST /send to the caller is"
                        + " a 403, the caller's to them too (until the caller unblocks), neither sees the other's"
                        + " typing or presence (each is shown offline to the other), and the caller leaves the user's"
                        + " search and online lists. History stays. The user is not told. Blocking again changes"
                        + " nothing.")
                .authenticated()
                .inputs(BLOCKED)
                .answers(BLOCKED_OUTCOMES)
                .handle(this::block));
        routes.add(Route.delete("/users/{user_id}/block").tag(TAG).summary("Unblock a user")
                .description("Lifts the caller's block of the user: messages, typing and presence flow again (unless"
                        + " the user blocked the caller too). Unblocking a user who is not blocked changes nothing.")
                .authenticated()
                .inputs(UNBLOCKED)
                .answers(UNBLOCKED_OUTCOMES)
                .handle(this::unblock));
    }

    private BlockUsers.Result block(Call call) {
        RequestReader in = call.in();
        UserId target = in.get(BLOCKED);
        in.check();
        return blockUsers.block(call.caller(), target);
    }

    private BlockUsers.Result unblock(Call call) {
        RequestReader in = call.in();
        UserId target = in.get(UNBLOCKED);
        in.check();
        return blockUsers.unblock(call.caller(), target);
    }
}
