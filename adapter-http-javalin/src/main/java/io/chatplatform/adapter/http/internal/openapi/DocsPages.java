package io.chatplatform.adapter.http.internal.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The Swagger UI and ReDoc pages. Their scripts come from the webjars on the classpath (served
 * under {@code /webjars}), never from a CDN: operators' networks often cannot reach one.
 */
public final class DocsPages {

    private final String swaggerUi;
    private final String redoc;

    private DocsPages(String swaggerUi, String redoc) {
        this.swaggerUi = swaggerUi;
        this.redoc = redoc;
    }

    /**
     * The pages for a document at {@code openApiPath}.
     *
     * @throws IllegalStateException when a webjar is missing from the classpath
     */
    public static DocsPages forDocument(String title, String openApiPath) {
        String swagger = "/webjars/swagger-ui/" + webjarVersion("swagger-ui");
        String redocBase = "/webjars/redoc/" + webjarVersion("redoc");
        String swaggerPage = """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <title>%1$s - Swagger UI</title>
                <link rel="stylesheet" type="text/css" href="%2$s/swagger-ui.css">
                <link rel="icon" type="image/png" href="%2$s/favicon-32x32.png">
                </head>
                <body>
                <div id="swagger-ui"></div>
                <script src="%2$s/swagger-ui-bundle.js"></script>
                <script>
                window.ui = SwaggerUIBundle({
                    url: "%3$s",
                    dom_id: "#swagger-ui",
                    deepLinking: true,
                    layout: "BaseLayout",
                    presets: [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset]
                });
                </script>
                </body>
                </html>
                """.formatted(title, swagger, openApiPath);
        String redocPage = """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%1$s - ReDoc</title>
                <style>body { margin: 0; padding: 0; }</style>
                </head>
                <body>
                <redoc spec-url="%3$s"></redoc>
                <script src="%2$s/redoc.standalone.js"></script>
                </body>
                </html>
                """.formatted(title, redocBase, openApiPath);
        return new DocsPages(swaggerPage, redocPage);
    }

    public String swaggerUi() {
        return swaggerUi;
    }

    public String redoc() {
        return redoc;
    }

    /** The version in a webjar's Maven metadata, which is also its directory under {@code /webjars/<name>/}. */
    private static String webjarVersion(String artifactId) {
        String resource = "META-INF/maven/org.webjars/" + artifactId + "/pom.properties";
        try (InputStream in = DocsPages.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("webjar org.webjars:" + artifactId + " is not on the classpath ("
                        + resource + " not found); the API documentation pages need it");
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version");
            if (version == null || version.isBlank()) {
                throw new IllegalStateException(resource + " has no version");
            }
            return version;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
