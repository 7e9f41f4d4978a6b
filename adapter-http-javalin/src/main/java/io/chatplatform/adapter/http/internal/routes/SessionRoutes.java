package io.chatplatform.adapter.http.internal.routes;

import static io.chatplatform.adapter.http.internal.request.Input.Source.FORM_OR_JSON_BODY;
import static io.chatplatform.adapter.http.internal.request.Input.Source.PATH;

import io.chatplatform.adapter.http.internal.auth.RefreshCookie;
import io.chatplatform.adapter.http.internal.request.Constraints;
import io.chatplatform.adapter.http.internal.request.FieldError;
import io.chatplatform.adapter.http.internal.request.Input;
import io.chatplatform.adapter.http.internal.request.RequestReader;
import io.chatplatform.adapter.http.internal.route.Call;
import io.chatplatform.adapter.http.internal.route.Outcomes;
import io.chatplatform.adapter.http.internal.route.Refusal;
import io.chatplatform.adapter.http.internal.route.Response;
import io.chatplatform.adapter.http.internal.route.Route;
import io.chatplatform.adapter.http.internal.route.RouteTable;
import io.chatplatform.adapter.http.internal.route.Tag;
import io.chatplatform.adapter.http.internal.view.AccessTokenView;
import io.chatplatform.adapter.http.internal.view.SessionView;
import io.chatplatform.application.port.in.ManageSessions;
import io.chatplatform.application.port.in.RefreshSession;
import io.chatplatform.application.port.in.Throttled;
import io.chatplatform.domain.InvalidValueException;
import io.chatplatform.domain.session.SessionId;
import java.util.Objects;

/**
 * Login sessions: a refresh token exchanged for the session's next pair of tokens, logging out,
 * and the caller's view of their sessions (devices), each of which they may end.
 *
 * <p>Every refused refresh is the same 401, whatever the reason (malformed, unknown, expired,
 * spent, reused): the answer must not help whoever holds a stolen or guessed token. The reason
 * is counted in the metrics.
 */
public final class SessionRoutes {

    static final Tag TAG = new Tag("sessions",
            "Login sessions: refreshing tokens, logging out, and the caller's sessions (devices), each of which they may end");

    static final String INVALID_REFRESH_TOKEN = "Invalid refresh token";
    private static final String THROTTLED = "the caller made too many session requests lately";

    static final Input<String> REFRESH_TOKEN = Input.text(FORM_OR_JSON_BODY, "refresh_token", SessionRoutes::nonEmpty,
            "The refresh_token of the last login or refresh of the session. Form-encoded (the OAuth2 refresh_token"
                    + " grant) or JSON, as the Content-Type says. Required unless the cookie " + RefreshCookie.NAME
                    + " carries it")
            .constrained(Constraints.atLeast(1)).optional();
    static final Input<SessionId> SESSION_ID = Input.id(PATH, "session_id", SessionId::of,
            "The session to end: the id GET /sessions lists");

    private static final Response<Void> ENDED = Response.withoutBody(204, "Ended (also when nothing else was left to end)");

    private static final Outcomes<RefreshSession.Result> REFRESHED = Outcomes.of(RefreshSession.Result.class)
            .answer(RefreshSession.Refreshed.class, Response.tokens(200, "The session's next pair of tokens; the"
                    + " presented refresh token is spent"),
                    refreshed -> AccessTokenView.of(refreshed.tokens()))
            .refuse(RefreshSession.Refused.class, Refusal.of(401, "The refresh token is not one of a session that"
                    + " stands: malformed, unknown, expired, or spent (a spent token presented again ends its session);"
                    + " log in again (with WWW-Authenticate: Bearer)", INVALID_REFRESH_TOKEN))
            .refuse(Throttled.class, Refusal.throttled("too many refreshes from this address lately"))
            .exhaustively();
    private static final Outcomes<LoggedOut> LOGGED_OUT = Outcomes.of(LoggedOut.class)
            .answer(LoggedOut.class, Response.withoutBodyClearingRefreshCookie(204, "The session ended (also when it had"
                    + " already ended)"), done -> null)
            .exhaustively();
    private static final Outcomes<ManageSessions.ListResult> LISTED = Outcomes.of(ManageSessions.ListResult.class)
            .answer(ManageSessions.Listed.class, Response.jsonList(200, "The caller's sessions, most recently used"
                    + " first", SessionView.class),
                    listed -> listed.sessions().stream().map(SessionView::of).toList())
            .refuse(Throttled.class, Refusal.throttled(THROTTLED))
            .exhaustively();
    private static final Outcomes<ManageSessions.EndResult> ENDED_ONE = Outcomes.of(ManageSessions.EndResult.class)
            .answer(ManageSessions.Ended.class, ENDED, ended -> null)
            .refuse(ManageSessions.NoSuchSession.class, Refusal.of(404, "The caller has no session with this id (another"
                    + " user's is no different)", "Session not found"))
            .refuse(Throttled.class, Refusal.throttled(THROTTLED))
            .exhaustively();
    private static final Outcomes<ManageSessions.EndResult> ENDED_OTHERS = Outcomes.of(ManageSessions.EndResult.class)
            .answer(ManageSessions.Ended.class, ENDED, ended -> null)
            .never(ManageSessions.NoSuchSession.class, "ending the others names no session")
            .refuse(Throttled.class, Refusal.throttled(THROTTLED))
            .exhaustively();

    /** What a logout answers: {@link ManageSessions#logOut} has no result of its own. */
    record LoggedOut() {
    }

    private final RefreshSession refreshSession;
    private final ManageSessions manageSessions;

    public SessionRoutes(RefreshSession refreshSession, ManageSessions manageSessions) {
        this.refreshSession = Objects.requireNonNull(refreshSession, "refreshSession");
        this.manageSessions = Objects.requireNonNull(manageSessions, "manageSessions");
    }

    public void register(RouteTable routes) {
        routes.add(Route.post("/token/refresh").tag(TAG)
                .summary("Exchange a refresh token for the session's next access and refresh token")
                .description("The OAuth2 refresh_token grant, without a bearer token: the refresh token of the last"
                        + " login or refresh gives a new access token and a new refresh token for the same session,"
                        + " in the shape POST /login answers. The presented token is spent. Presenting a spent token"
                        + " again is taken for theft and ends the whole session (its access tokens are refused and its"
                        + " WebSockets closed), except within a few seconds of its spending (a client that sent the"
                        + " same refresh twice: that request is refused, the session stands). A session that went"
                        + " unrefreshed for 30 days has ended. Every refusal is the same 401. Browsers send no"
                        + " refresh_token: the HttpOnly cookie " + RefreshCookie.NAME + " of a login with cookie=true"
                        + " carries it, and cookie=true has the next one set as the cookie too.")
                .inputs(REFRESH_TOKEN, RefreshCookie.TOKEN, RefreshCookie.BODY_FLAG)
                .answers(REFRESHED)
                .handle(this::refresh));
        routes.add(Route.post("/logout").tag(TAG).summary("End the caller's session")
                .description("Ends the session of the access token presented: its access tokens are refused from the"
                        + " moment this answers (on other instances within half a second), its refresh token no longer refreshes and its"
                        + " WebSockets are closed (4401, 'session ended'). Other sessions of the user are untouched."
                        + " The refresh-token cookie of a browser is removed.")
                .authenticated()
                .answers(LOGGED_OUT)
                .handle(this::logOut));
        routes.add(Route.get("/sessions").tag(TAG).summary("The caller's sessions (devices)")
                .description("Every session of the caller that may still refresh, most recently used first:"
                        + " when it logged in, when it last got tokens, how its client described itself"
                        + " (User-Agent) and whether it is the session of this request (current).")
                .authenticated()
                .answers(LISTED)
                .handle(call -> manageSessions.list(call.caller(), call.session())));
        routes.add(Route.delete("/sessions/{session_id}").tag(TAG).summary("End one of the caller's sessions")
                .description("Ends the session (a lost phone): as a logout of it, from another device. The current"
                        + " session may be named too. A session of another user is a 404, as one that does not exist.")
                .authenticated()
                .inputs(SESSION_ID)
                .answers(ENDED_ONE)
                .handle(this::end));
        routes.add(Route.delete("/sessions").tag(TAG).summary("End every session of the caller but the current one")
                .description("Logs out every other device: their access tokens are refused (on other instances within half"
                        + " a second) and their WebSockets closed. The session of this request stands.")
                .authenticated()
                .answers(ENDED_OTHERS)
                .handle(call -> manageSessions.endOthers(call.caller(), call.session())));
    }

    private static String nonEmpty(String token) {
        // a form field that is empty counts as missing before this; an empty JSON string ends here
        if (token.isEmpty()) {
            throw new InvalidValueException("refresh_token", "must not be empty");
        }
        return token;
    }

    private RefreshSession.Result refresh(Call call) {
        RequestReader in = call.in();
        String token = in.get(REFRESH_TOKEN);
        String cookie = in.get(RefreshCookie.TOKEN);
        // checked here, used when the answer is written (Response.tokens)
        in.get(RefreshCookie.BODY_FLAG);
        if (token == null && !in.isGiven(REFRESH_TOKEN)) {
            if (cookie == null) {
                // as before there was a cookie: the field is what a client without one must send
                in.reject(FieldError.missing(RequestReader.loc(REFRESH_TOKEN)));
            }
            token = cookie;
        }
        in.check();
        return refreshSession.refresh(new RefreshSession.Command(token, call.from()));
    }

    private LoggedOut logOut(Call call) {
        manageSessions.logOut(call.caller(), call.session());
        return new LoggedOut();
    }

    private ManageSessions.EndResult end(Call call) {
        RequestReader in = call.in();
        SessionId session = in.get(SESSION_ID);
        in.check();
        return manageSessions.end(call.caller(), call.session(), session);
    }
}
