package io.chatplatform.adapter.http.internal.routes;

import static io.chatplatform.adapter.http.internal.request.Input.Source.JSON_BODY;

import io.chatplatform.adapter.http.internal.request.Input;
import io.chatplatform.adapter.http.internal.request.RequestReader;
import io.chatplatform.adapter.http.internal.route.Call;
import io.chatplatform.adapter.http.internal.route.JsonStream;
import io.chatplatform.adapter.http.internal.route.Outcomes;
import io.chatplatform.adapter.http.internal.route.Refusal;
import io.chatplatform.adapter.http.internal.route.Response;
import io.chatplatform.adapter.http.internal.route.Route;
import io.chatplatform.adapter.http.internal.route.RouteTable;
import io.chatplatform.adapter.http.internal.view.AccountExportView;
import io.chatplatform.application.port.in.DeleteAccount;
import io.chatplatform.application.port.in.ExportAccount;
import io.chatplatform.domain.user.PasswordAttempt;
import java.time.Clock;
import java.util.Objects;

/**
 * The end of an account, and what it takes along: deleting the caller's account, and exporting
 * everything the service holds about them.
 *
 * <p>A wrong password on {@code DELETE /users/me} is a 403, not a 401: the caller is
 * authenticated (their token is good, and a 401 would tell a client to drop it and log in again);
 * what failed is the extra proof this one request asks for.
 */
public final class AccountLifecycleRoutes {

    static final String INCORRECT_PASSWORD = "Incorrect password";
    static final String EXPORT_FILE = "chat-export.json";

    static final Input<PasswordAttempt> PASSWORD = Input.text(JSON_BODY, "password", PasswordAttempt::of,
            "The caller's password, proving that the owner asks (a token alone may be a stolen one)")
            .constrained(AccountRoutes.PASSWORD_ATTEMPT_RULES);

    private static final Outcomes<DeleteAccount.Result> DELETED = Outcomes.of(DeleteAccount.Result.class)
            .answer(DeleteAccount.Deleted.class, Response.withoutBody(204, "The account is deleted; the content of its"
                    + " messages is being erased"), deleted -> null)
            .refuse(DeleteAccount.WrongPassword.class, Refusal.of(403, "The password is wrong; nothing was deleted",
                    INCORRECT_PASSWORD))
            // the token outlived its account (deleted by another session, for one)
            .refuse(DeleteAccount.UnknownUser.class, Refusal.invalidCredentials())
            .exhaustively();
    private static final Outcomes<JsonStream> EXPORTED = Outcomes.streamed(
            Response.jsonStream(200, "Everything about the caller, streamed as it is read", AccountExportView.class,
                    EXPORT_FILE),
            // the token outlived its account
            Refusal.invalidCredentials());

    private final DeleteAccount deleteAccount;
    private final ExportAccount exportAccount;
    private final Clock clock;

    /** @param clock tells when an export was made ({@code exported_at}): the application's clock */
    public AccountLifecycleRoutes(DeleteAccount deleteAccount, ExportAccount exportAccount, Clock clock) {
        this.deleteAccount = Objects.requireNonNull(deleteAccount, "deleteAccount");
        this.exportAccount = Objects.requireNonNull(exportAccount, "exportAccount");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public void register(RouteTable routes) {
        routes.add(Route.delete("/users/me").tag(AccountRoutes.TAG).summary("Delete the caller's account")
                .description("Deletes the account, proving the password: from the moment this answers it can no"
                        + " longer log in or be found, every session has ended (tokens refused, WebSockets closed),"
                        + " its blocks are lifted, and its username and email stay taken for 30 days. The content of"
                        + " every message it sent is then erased in the background; the peers keep tombstones"
                        + " (content null), and their conversation with it shows username deleted_user and"
                        + " peer_deleted true. A wrong password is a 403 and deletes nothing.")
                .authenticated()
                .inputs(PASSWORD)
                .respond(AccountRoutes.BUSY)
                .answers(DELETED)
                .handle(this::delete));
        routes.add(Route.get("/users/me/export").tag(AccountRoutes.TAG)
                .summary("Download everything the service holds about the caller, as JSON")
                .description("The caller's data as one JSON document, sent while it is read (chunked, without"
                        + " Content-Length, as an attachment): exported_at, the profile (as GET /users/me), the"
                        + " sessions (as GET /sessions), and every conversation with every message the caller can see"
                        + " in it, newest first (as GET /messages). A failure after the download began cannot change"
                        + " its status any more: the connection is then cut, so a client that did not receive the"
                        + " whole document sees a broken transfer, never a shorter document.")
                .authenticated()
                .answers(EXPORTED)
                .handle(call -> new ExportStream(exportAccount, call.caller(), call.session(), clock.instant())));
    }

    private DeleteAccount.Result delete(Call call) {
        RequestReader in = call.in();
        PasswordAttempt password = in.get(PASSWORD);
        in.check();
        return deleteAccount.delete(new DeleteAccount.Command(call.caller(), password));
    }
}
