package io.chatplatform.adapter.http.internal.routes;

import io.chatplatform.adapter.http.internal.route.Html;
import io.chatplatform.adapter.http.internal.route.Outcomes;
import io.chatplatform.adapter.http.internal.route.Response;
import io.chatplatform.adapter.http.internal.route.Route;
import io.chatplatform.adapter.http.internal.route.RouteTable;
import io.chatplatform.adapter.http.internal.route.Tag;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The browser client at {@code /app/}: its page is a route of the API (so the document lists it),
 * its scripts, styles and images are static files from the classpath (the {@code web-client}
 * module, which the service's jar ships; without it on the classpath there is no {@code /app/}).
 *
 * <p>Everything under {@code /app} carries a Content-Security-Policy that allows only this origin's
 * scripts, styles and connections and no inline script: a message that smuggles markup cannot run.
 */
public final class WebClientRoutes {

    static final Tag TAG = new Tag("web client", "The browser client served by the service");

    /** Where the client's files are on the classpath (the web-client module's resources). */
    public static final String CLASSPATH_DIRECTORY = "/io/chatplatform/webclient/app";
    public static final String PATH = "/app/";
    private static final String BARE_PATH = "/app";

    /** The headers of every answer under /app (decision 0028). */
    public static final Map<String, String> HEADERS = headers();

    private static final Outcomes<Html> PAGE = Outcomes.ok(Response.html(200, "The web client's page, at /app/"));
    private static final Response<Void> MOVED = Response.withoutBody(301, "Asked as /app: moved to /app/ (Location),"
            + " where the page's relative addresses work");

    private final Html page;

    private WebClientRoutes(Html page) {
        this.page = page;
    }

    /** Whether the client's files are on the classpath. */
    public static boolean present() {
        return WebClientRoutes.class.getResource(CLASSPATH_DIRECTORY + "/index.html") != null;
    }

    /** The routes of the client, when its files are on the classpath. */
    public static Optional<WebClientRoutes> fromClasspath() {
        try (InputStream index = WebClientRoutes.class.getResourceAsStream(CLASSPATH_DIRECTORY + "/index.html")) {
            if (index == null) {
                return Optional.empty();
            }
            return Optional.of(new WebClientRoutes(new Html(new String(index.readAllBytes(), StandardCharsets.UTF_8))));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the web client's page", e);
        }
    }

    public void register(RouteTable routes) {
        // documented without the trailing slash (an OpenAPI path has none); the page is served at /app/,
        // and /app itself is redirected there before this route runs
        routes.add(Route.get(BARE_PATH).tag(TAG).summary("The web client (at /app/)")
                .description("A single-page chat client for browsers at /app/, served from the service's own files"
                        + " (no CDN): log in or register, then chat. It uses this API and GET /ws like any other"
                        + " client. The page and its files are sent with a Content-Security-Policy that allows no"
                        + " inline script. /app redirects to /app/.")
                .respond(MOVED)
                .answers(PAGE)
                .handle(call -> page));
    }

    /**
     * Serves the client's other files from the classpath under /app/, adds {@link #HEADERS} to every
     * answer under /app, and redirects /app to /app/ (the page's relative URLs need the slash).
     */
    public static void installFiles(JavalinConfig config) {
        config.staticFiles.add(files -> {
            files.hostedPath = BARE_PATH;
            files.directory = CLASSPATH_DIRECTORY;
            files.location = Location.CLASSPATH;
            files.headers = HEADERS;
        });
        // before-handlers are no routes: the document lists /app/ only, and the redirect is not an API
        config.routes.before(BARE_PATH, WebClientRoutes::redirectBarePath);
        config.routes.before(BARE_PATH + "/*", ctx -> HEADERS.forEach(ctx::header));
    }

    private static void redirectBarePath(Context ctx) {
        HEADERS.forEach(ctx::header);
        if (ctx.path().equals(BARE_PATH)) {
            ctx.redirect(PATH, HttpStatus.MOVED_PERMANENTLY);
            ctx.skipRemainingHandlers();
        }
    }

    private static Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self';"
                + " img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Referrer-Policy", "no-referrer");
        // the files have no version in their names: the browser asks again each time (an ETag makes it cheap)
        headers.put("Cache-Control", "no-cache");
        return Map.copyOf(headers);
    }
}
