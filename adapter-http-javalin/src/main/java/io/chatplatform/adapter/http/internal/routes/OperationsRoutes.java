package io.chatplatform.adapter.http.internal.routes;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatplatform.adapter.http.internal.openapi.DocsPages;
import io.chatplatform.adapter.http.internal.openapi.OpenApiDocument;
import io.chatplatform.adapter.http.internal.request.Input;
import io.chatplatform.adapter.http.internal.route.Reply;
import io.chatplatform.adapter.http.internal.route.Response;
import io.chatplatform.adapter.http.internal.route.Route;
import io.chatplatform.adapter.http.internal.route.RouteTable;
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

    private static final String TAG = "operations";
    static final Input<String> ACCEPT = Input.text(Input.Source.HEADER, "Accept", value -> value,
            "application/openmetrics-text for OpenMetrics; anything else gives the Prometheus text format").optional();
    static final String OPENAPI_PATH = "/openapi.json";

    private final CheckHealth checkHealth;
    private final ViewCacheStats cacheStats;
    private final ScrapeMetrics scrapeMetrics;
    private final ServiceInfoView info;
    private final OpenApiDocument openApi;
    private final DocsPages docs;

    public OperationsRoutes(CheckHealth checkHealth, ViewCacheStats cacheStats, ScrapeMetrics scrapeMetrics,
                            String serviceName, String serviceVersion, OpenApiDocument openApi) {
        this.checkHealth = Objects.requireNonNull(checkHealth, "checkHealth");
        this.cacheStats = Objects.requireNonNull(cacheStats, "cacheStats");
        this.scrapeMetrics = Objects.requireNonNull(scrapeMetrics, "scrapeMetrics");
        this.info = new ServiceInfoView(serviceName, serviceVersion, "/docs", "/redoc", OPENAPI_PATH);
        this.openApi = Objects.requireNonNull(openApi, "openApi");
        this.docs = DocsPages.forDocument(serviceName, OPENAPI_PATH);
    }

    public void register(RouteTable routes) {
        routes.add(Route.get("/health").tag(TAG).summary("Whether the service and its dependencies answer")
                .local()
                .ok(HealthView.class, "Healthy, or degraded: the cache is down (every request is still served, more "
                        + "slowly), or some database workers do not answer (requests that need their data get 503)")
                .respond(new Response(503, "Unhealthy: the database is down (its coordinator, or every worker)",
                        Response.JSON, HealthView.class, false))
                .handle(call -> health()));
        routes.add(Route.get("/health/live").tag(TAG).summary("Whether the process runs; asks no dependency (liveness probe)")
                .local()
                .ok(LivenessView.class, "The process answers")
                .handle(call -> LivenessView.ALIVE));
        routes.add(Route.get("/metrics").tag(TAG).summary("Prometheus metrics (OpenMetrics when the Accept header asks)")
                .local()
                .inputs(ACCEPT)
                .okText("The exposition, text/plain; version=0.0.4 or application/openmetrics-text")
                .handle(call -> {
                    String accept = call.in().get(ACCEPT);
                    call.in().check();
                    ScrapeMetrics.Scrape scrape = scrapeMetrics.scrape(accept);
                    return new Reply.Raw(scrape.contentType(), scrape.body());
                }));
        routes.add(Route.get("/cache/stats").tag(TAG).summary("The cache server's figures and this service's hit ratio")
                .local()
                .ok(CacheStatsView.class, "Figures of the cache (backend disabled when the service runs without one)")
                .handle(call -> CacheStatsView.of(cacheStats.cacheStats())));
        routes.add(Route.get("/").tag(TAG).summary("Service name, version and where the documentation is")
                .local()
                .ok(ServiceInfoView.class, "About the service")
                .handle(call -> info));
        routes.add(Route.get(OPENAPI_PATH).tag(TAG).summary("This API as an OpenAPI 3.1 document")
                .local()
                .ok(JsonNode.class, "The document")
                .handle(call -> openApi.json()));
        routes.add(Route.get("/docs").tag(TAG).summary("The API in Swagger UI")
                .local()
                .okHtml("An HTML page")
                .handle(call -> new Reply.Html(docs.swaggerUi())));
        routes.add(Route.get("/redoc").tag(TAG).summary("The API in ReDoc")
                .local()
                .okHtml("An HTML page")
                .handle(call -> new Reply.Html(docs.redoc())));
    }

    private Object health() {
        CheckHealth.Health health = checkHealth.check();
        HealthView view = HealthView.of(health);
        return health.status() == CheckHealth.Status.UNHEALTHY ? new Reply(503, view) : view;
    }
}
