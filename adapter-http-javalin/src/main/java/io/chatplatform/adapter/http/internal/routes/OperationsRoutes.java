package io.chatplatform.adapter.http.internal.routes;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatplatform.adapter.http.internal.openapi.DocsPages;
import io.chatplatform.adapter.http.internal.openapi.OpenApiDocument;
import io.chatplatform.adapter.http.internal.request.Input;
import io.chatplatform.adapter.http.internal.route.Html;
import io.chatplatform.adapter.http.internal.route.Outcomes;
import io.chatplatform.adapter.http.internal.route.Response;
import io.chatplatform.adapter.http.internal.route.Route;
import io.chatplatform.adapter.http.internal.route.RouteTable;
import io.chatplatform.adapter.http.internal.route.Tag;
import io.chatplatform.adapter.http.internal.route.Text;
import io.chatplatform.adapter.http.internal.view.CacheStatsView;
import io.chatplatform.adapter.http.internal.view.HealthView;
import io.chatplatform.adapter.http.internal.view.LivenessView;
import io.chatplatform.adapter.http.internal.view.ServiceInfoView;
import io.chatplatform.application.port.in.CheckHealth;
import io.chatplatform.application.port.in.ScrapeMetrics;
import io.chatplatform.application.port.in.ViewCacheStats;
import java.util.Objects;

/** Operations and documentation: health, cache statistics, service info, the OpenAPI document, Swagger UI and ReDoc. */
public final class OperationsRoutes {

    private static final Tag TAG = new Tag("operations", "Health, metrics, cache statistics and this documentation;"
            + " meant for the operator's network, like those of the replaced service");
    /** Read to choose the exposition format; the document shows it as the response's media types instead. */
    static final Input<String> ACCEPT = Input.text(Input.Source.HEADER, "Accept", value -> value,
            "application/openmetrics-text for OpenMetrics; anything else gives the Prometheus text format").optional();
    static final String OPENAPI_PATH = "/openapi.json";
    static final String DOCS_PATH = "/docs";
    static final String REDOC_PATH = "/redoc";
    static final String PROMETHEUS_TEXT = "text/plain";
    static final String OPENMETRICS_TEXT = "application/openmetrics-text";

    /** The health route's reply: the same view, with 200 or 503. */
    sealed interface HealthReply permits Serving, Unhealthy {
    }

    record Serving(HealthView view) implements HealthReply {
    }

    record Unhealthy(HealthView view) implements HealthReply {
    }

    private static final Outcomes<HealthReply> HEALTH = Outcomes.of(HealthReply.class)
            .answer(Serving.class, Response.json(200, "Healthy, or degraded: the cache is down (every request is still"
                    + " served, more slowly), or some database workers do not answer (requests that need their data"
                    + " get 503)", HealthView.class), Serving::view)
            .answer(Unhealthy.class, Response.json(503, "Unhealthy: the database is down (its coordinator, or every"
                    + " worker)", HealthView.class), Unhealthy::view)
            .exhaustively();
    private static final Outcomes<LivenessView> LIVE = Outcomes.ok(
            Response.json(200, "The process answers", LivenessView.class));
    private static final Outcomes<Text> EXPOSITION = Outcomes.ok(Response.text(200, "The exposition: "
            + PROMETHEUS_TEXT + "; version=0.0.4, or " + OPENMETRICS_TEXT + "; version=1.0.0", PROMETHEUS_TEXT,
            OPENMETRICS_TEXT));
    private static final Outcomes<CacheStatsView> CACHE_STATS = Outcomes.ok(Response.json(200,
            "Figures of the cache (backend disabled when the service runs without one)", CacheStatsView.class));
    private static final Outcomes<ServiceInfoView> SERVICE_INFO = Outcomes.ok(
            Response.json(200, "About the service", ServiceInfoView.class));
    private static final Outcomes<JsonNode> DOCUMENT = Outcomes.ok(Response.json(200, "The document", JsonNode.class));
    private static final Outcomes<Html> PAGE = Outcomes.ok(Response.html(200, "An HTML page"));

    private final CheckHealth checkHealth;
    private final ViewCacheStats cacheStats;
    private final ScrapeMetrics scrapeMetrics;
    private final String serviceName;
    private final String serviceVersion;
    private final OpenApiDocument openApi;
    private final DocsPages docs;
    /** Where the web client is; null when its files are not on the classpath. */
    private final String appPath;

    public OperationsRoutes(CheckHealth checkHealth, ViewCacheStats cacheStats, ScrapeMetrics scrapeMetrics,
                            String serviceName, String serviceVersion, OpenApiDocument openApi, boolean webClient) {
        this.checkHealth = Objects.requireNonNull(checkHealth, "checkHealth");
        this.cacheStats = Objects.requireNonNull(cacheStats, "cacheStats");
        this.scrapeMetrics = Objects.requireNonNull(scrapeMetrics, "scrapeMetrics");
        this.serviceName = Objects.requireNonNull(serviceName, "serviceName");
        this.serviceVersion = Objects.requireNonNull(serviceVersion, "serviceVersion");
        this.openApi = Objects.requireNonNull(openApi, "openApi");
        this.docs = DocsPages.forDocument(serviceName, OPENAPI_PATH);
        this.appPath = webClient ? WebClientRoutes.PATH : null;
    }

    public void register(RouteTable routes) {
        routes.add(Route.get("/health").tag(TAG).summary("Whether the service and its dependencies answer")
                .description("Asks the database and the cache. healthy: both answer (or the service runs without"
                        + " a cache); degraded: the cache does not answer (every request is still served from the"
                        + " database), or some Citus workers do not answer (checked in the background);"
                        + " unhealthy (503): the database does not answer. For a readiness probe.")
                .local()
                .answers(HEALTH)
                .handle(call -> health()));
        routes.add(Route.get("/health/live").tag(TAG).summary("Whether the process runs; asks no dependency (liveness probe)")
                .description("Answers as long as the process serves HTTP, without asking the database or the cache,"
                        + " so that an outage of a dependency does not make an orchestrator restart the service.")
                .local()
                .answers(LIVE)
                .handle(call -> LivenessView.ALIVE));
        routes.add(Route.get("/metrics").tag(TAG).summary("Prometheus metrics (OpenMetrics when the Accept header asks)")
                .description("The Prometheus exposition of the service's metrics (docs/operations.md): the text"
                        + " format 0.0.4, or OpenMetrics 1.0 when the Accept header asks for "
                        + OPENMETRICS_TEXT + ".")
                .local()
                .inputs(ACCEPT)
                .answers(EXPOSITION)
                .handle(call -> {
                    String accept = call.in().get(ACCEPT);
                    call.in().check();
                    ScrapeMetrics.Scrape scrape = scrapeMetrics.scrape(accept);
                    return new Text(scrape.contentType(), scrape.body());
                }));
        routes.add(Route.get("/cache/stats").tag(TAG).summary("The cache server's figures and this service's hit ratio")
                .description("The cache server's own figures, named as Redis's INFO names them (null where the"
                        + " backend cannot know them), and this instance's hits, misses and bypasses per cache type.")
                .local()
                .answers(CACHE_STATS)
                .handle(call -> CacheStatsView.of(cacheStats.cacheStats())));
        routes.add(Route.get("/").tag(TAG).summary("Service name, version, health and where the documentation is")
                .description("The service's name and version, where its documentation and its web client (app) are,"
                        + " and the status, database and cache of GET /health, which the replaced service showed here."
                        + " Always 200: a probe should ask GET /health.")
                .local()
                .answers(SERVICE_INFO)
                .handle(call -> ServiceInfoView.of(serviceName, serviceVersion, HealthView.of(checkHealth.check()),
                        DOCS_PATH, REDOC_PATH, OPENAPI_PATH, appPath)));
        routes.add(Route.get(OPENAPI_PATH).tag(TAG).summary("This API as an OpenAPI 3.1 document")
                .description("This document. It is generated from the same route table that registers the"
                        + " handlers, so it describes exactly the routes the server has.")
                .local()
                .answers(DOCUMENT)
                .handle(call -> openApi.json()));
        routes.add(Route.get(DOCS_PATH).tag(TAG).summary("The API in Swagger UI")
                .description("Swagger UI on " + OPENAPI_PATH + ", served from this service (no CDN).")
                .local()
                .answers(PAGE)
                .handle(call -> new Html(docs.swaggerUi())));
        routes.add(Route.get(REDOC_PATH).tag(TAG).summary("The API in ReDoc")
                .description("ReDoc on " + OPENAPI_PATH + ", served from this service (no CDN).")
                .local()
                .answers(PAGE)
                .handle(call -> new Html(docs.redoc())));
    }

    private HealthReply health() {
        CheckHealth.Health health = checkHealth.check();
        HealthView view = HealthView.of(health);
        return health.status() == CheckHealth.Status.UNHEALTHY ? new Unhealthy(view) : new Serving(view);
    }
}
