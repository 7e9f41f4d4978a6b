package io.chatplatform.adapter.http.internal.view;

/**
 * What {@code GET /} says about the service and where its documentation and its web client are.
 * {@code status}, {@code database} and {@code cache} are those of {@code GET /health}: the replaced
 * service showed them here, and its clients read them. {@code app} is null when the service runs
 * without the web client's files.
 */
public record ServiceInfoView(String service, String version, String status, String database, String cache,
                              String docs, String redoc, String openapi, @Nullable String app) {

    /** The service's name, version and links, with the health just checked. */
    public static ServiceInfoView of(String service, String version, HealthView health, String docs, String redoc,
                                     String openapi, String app) {
        return new ServiceInfoView(service, version, health.status(), health.database(), health.cache(), docs, redoc,
                openapi, app);
    }
}
