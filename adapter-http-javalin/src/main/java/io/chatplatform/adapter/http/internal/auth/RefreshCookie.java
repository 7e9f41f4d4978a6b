package io.chatplatform.adapter.http.internal.auth;

import io.chatplatform.adapter.http.internal.request.Input;
import io.chatplatform.adapter.http.internal.request.RequestReader;
import io.chatplatform.domain.session.SessionPolicy;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The refresh token as a cookie, for browsers (decision 0028): {@code POST /login} and
 * {@code POST /token/refresh} set it when the request says {@code cookie=true}, and then leave the
 * token out of the JSON, so that no script ever holds it; {@code POST /token/refresh} reads it when
 * the request names no {@code refresh_token}; {@code POST /logout} clears it.
 *
 * <p>{@code HttpOnly} (no script reads it), {@code SameSite=Strict} (no other site makes the
 * browser send it), {@code Path=/token/refresh} (no other request carries it), {@code Secure}
 * when the request came over HTTPS (directly, or as {@code X-Forwarded-Proto: https} from a proxy:
 * a forged header only marks the forger's own cookie secure). It lasts as long as a refresh token
 * does by default; a refresh token that expired earlier (a shorter configured lifetime) is refused
 * as any other.
 */
public final class RefreshCookie {

    public static final String NAME = "chat_refresh";
    public static final String PATH = "/token/refresh";
    private static final Duration MAX_AGE = SessionPolicy.DEFAULT.refreshTokenTtl();
    private static final String FLAG_DESCRIPTION = "true: the refresh token comes as the HttpOnly cookie " + NAME
            + " (Path=" + PATH + ", SameSite=Strict) instead of in the JSON, where browser code never sees it";

    /** The {@code cookie} flag of a form ({@code POST /login}). */
    public static final Input<Boolean> FORM_FLAG = Input.flag(Input.Source.FORM_BODY, "cookie", FLAG_DESCRIPTION);
    /** The {@code cookie} flag of a form or a JSON body ({@code POST /token/refresh}). */
    public static final Input<Boolean> BODY_FLAG = Input.flag(Input.Source.FORM_OR_JSON_BODY, "cookie", FLAG_DESCRIPTION);
    /** The cookie itself, read when the body names no refresh token. */
    public static final Input<String> TOKEN = Input.text(Input.Source.COOKIE, NAME, Function.identity(),
            "The refresh token as a cookie set by an earlier login or refresh with cookie=true; used when the body"
                    + " has no refresh_token").optional();

    private RefreshCookie() {
    }

    /**
     * Whether the request asked for the cookie. Read again from the request when the answer is
     * written; the route declared the flag and its action checked it before anything happened.
     */
    public static boolean requested(Context ctx) {
        Boolean flag = new RequestReader(ctx, List.of(BODY_FLAG)).get(BODY_FLAG);
        return Boolean.TRUE.equals(flag);
    }

    /** The {@code Set-Cookie} value that hands over {@code token}. */
    public static String set(Context ctx, String token) {
        return NAME + "=" + token + "; Max-Age=" + MAX_AGE.toSeconds() + attributes(ctx);
    }

    /** The {@code Set-Cookie} value that removes it. */
    public static String clear(Context ctx) {
        return NAME + "=; Max-Age=0" + attributes(ctx);
    }

    private static String attributes(Context ctx) {
        return "; Path=" + PATH + "; HttpOnly; SameSite=Strict" + (secure(ctx) ? "; Secure" : "");
    }

    private static boolean secure(Context ctx) {
        String forwarded = ctx.header("X-Forwarded-Proto");
        return "https".equalsIgnoreCase(ctx.scheme())
                || forwarded != null && forwarded.strip().toLowerCase(Locale.ROOT).startsWith("https");
    }
}
