package io.chatplatform.adapter.http.internal.routes;

import io.chatplatform.adapter.http.internal.openapi.OpenApiDocument;
import io.chatplatform.adapter.http.internal.route.RouteTable;
import io.chatplatform.application.ChatApplication;
import io.chatplatform.application.port.in.CheckHealth;
import io.chatplatform.application.port.in.ScrapeMetrics;
import java.time.Clock;
import java.util.Optional;

/** All route groups of the API, in matching order, handed only the inbound ports they use. */
public final class ApiRoutes {

    public static final String SERVICE_NAME = "Chat Platform";

    private ApiRoutes() {
    }

    /**
     * The complete route table; {@code clock} is the application's (it dates an export). The OpenAPI document is generated here, once, so that a route the
     * generator cannot describe stops the start instead of breaking {@code /openapi.json} later.
     */
    public static RouteTable build(ChatApplication app, CheckHealth health, ScrapeMetrics metrics, String serviceVersion,
                                   Clock clock) {
        RouteTable routes = new RouteTable();
        OpenApiDocument openApi = new OpenApiDocument(SERVICE_NAME, serviceVersion, routes::routes);
        new AccountRoutes(app.registerUser(), app.logIn(), app.viewOwnProfile(), app.updateProfile())
                .register(routes);
        new AccountLifecycleRoutes(app.deleteAccount(), app.exportAccount(), clock).register(routes);
        new SessionRoutes(app.refreshSession(), app.manageSessions()).register(routes);
        // before the directory: /users/me/blocks is not a user's profile
        new BlockRoutes(app.blockUsers()).register(routes);
        new DirectoryRoutes(app.searchUsers(), app.listOnlineUsers(), app.viewProfile()).register(routes);
        new MessageRoutes(app.sendMessage(), app.readHistory(), app.markRead()).register(routes);
        new MessageChangeRoutes(app.changeMessage()).register(routes);
        new ConversationRoutes(app.listConversations(), app.countUnread(), app.markRead()).register(routes);
        new LiveRoutes().register(routes);
        Optional<WebClientRoutes> webClient = WebClientRoutes.fromClasspath();
        webClient.ifPresent(client -> client.register(routes));
        new OperationsRoutes(health, app.viewCacheStats(), metrics, SERVICE_NAME, serviceVersion, openApi,
                webClient.isPresent()).register(routes);
        openApi.json();
        return routes;
    }
}
