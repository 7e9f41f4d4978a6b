package io.chatplatform.adapter.http.internal.route;

import java.util.ArrayList;
import java.util.List;

/**
 * The routes of the API in registration order, which is also matching order: a fixed path such
 * as {@code /users/me} must come before {@code /users/{user_id}}.
 */
public final class RouteTable {

    private final List<Route<?>> routes = new ArrayList<>();

    public void add(Route<?> route) {
        boolean duplicate = routes.stream()
                .anyMatch(r -> r.method().equals(route.method()) && r.path().equals(route.path()));
        if (duplicate) {
            throw new IllegalArgumentException(route.method() + " " + route.path() + " is declared twice");
        }
        routes.add(route);
    }

    public List<Route<?>> routes() {
        return List.copyOf(routes);
    }
}
