package io.chatplatform.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatplatform.adapter.http.TestServer.Reply;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The web client at /app/ (its files are the web-client module's, a test dependency here as a
 * runtime one of the service): the page, its files, the redirect, and the headers that keep a
 * message's markup from running. What the client does is tested in a browser (web-client/e2e).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("The web client: GET /app/ and its files")
class WebClientTest {

    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private final TestServer api = TestServer.start();

    @AfterAll
    void stop() {
        api.close();
    }

    private static void expectProtected(Reply reply) {
        assertThat(reply.header("content-security-policy")).as("%s", reply.headers()).isEqualTo(CSP);
        assertThat(reply.header("x-content-type-options")).isEqualTo("nosniff");
        assertThat(reply.header("referrer-policy")).isEqualTo("no-referrer");
    }

    @Test
    @DisplayName("GET /app/ is the page, with a Content-Security-Policy that allows no inline script")
    void page() {
        Reply page = api.get("/app/");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("content-type")).startsWith("text/html").containsIgnoringCase("charset=utf-8");
        assertThat(page.body()).contains("<script type=\"module\" src=\"js/main.js\"></script>")
                .contains("<link rel=\"stylesheet\" href=\"app.css\">");
        expectProtected(page);
        assertThat(page.header("cache-control")).isEqualTo("no-cache");
        assertThat(page.header("x-request-id")).isNotBlank();
    }

    @Test
    @DisplayName("GET /app redirects to /app/, where the page's relative addresses work")
    void redirect() {
        Reply bare = api.get("/app");

        assertThat(bare.status()).isEqualTo(301);
        assertThat(bare.header("location")).isEqualTo("/app/");
        expectProtected(bare);
    }

    @Test
    @DisplayName("the scripts, styles and icon come from the classpath with their types and the same headers")
    void files() {
        for (String[] file : List.of(new String[] {"/app/js/main.js", "text/javascript"},
                new String[] {"/app/js/store.js", "text/javascript"}, new String[] {"/app/app.css", "text/css"},
                new String[] {"/app/icon.svg", "image/svg+xml"})) {
            Reply reply = api.get(file[0]);
            assertThat(reply.status()).as(file[0]).isEqualTo(200);
            assertThat(reply.header("content-type")).as(file[0]).startsWith(file[1]);
            assertThat(reply.bytes()).as(file[0]).isNotEmpty();
            expectProtected(reply);
            assertThat(reply.header("etag")).as(file[0]).isNotBlank();
        }
        assertThat(api.get("/app/js/main.js").body()).contains("import ");
    }

    @Test
    @DisplayName("a file that is not there is the usual JSON 404; nothing outside the client's folder is served")
    void notThere() {
        Reply missing = api.get("/app/js/nope.js");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("detail").asText()).isEqualTo("Not Found");

        for (String path : List.of("/app/../pom.xml", "/app/%2e%2e/%2e%2e/pom.xml", "/app/io/chatplatform/webclient/app/index.html",
                "/app/META-INF/MANIFEST.MF", "/app/../io/chatplatform/adapter/http/ChatHttpServer.class")) {
            Reply reply = api.get(path);
            assertThat(reply.status()).as(path).isIn(400, 404);
            assertThat(reply.body()).as(path).doesNotContain("Manifest-Version").doesNotContain("<project");
        }
    }

    @Test
    @DisplayName("GET / links the client; the document lists GET /app (an OpenAPI path has no trailing slash) as a public HTML page")
    void linkedAndDocumented() {
        assertThat(api.get("/").json().get("app").asText()).isEqualTo("/app/");

        JsonNode operation = api.get("/openapi.json").json().at("/paths/~1app/get");
        assertThat(operation.isMissingNode()).isFalse();
        assertThat(operation.get("security")).isEmpty();
        assertThat(operation.at("/responses/200/content").has("text/html")).isTrue();
        assertThat(operation.at("/responses/301").isMissingNode()).isFalse();
    }

    @Test
    @DisplayName("the API beside it is untouched: no Content-Security-Policy on JSON answers")
    void apiUntouched() {
        Reply root = api.get("/");
        assertThat(root.status()).isEqualTo(200);
        assertThat(root.header("content-security-policy")).isNull();
        assertThat(api.get("/application").status()).isEqualTo(404);
    }
}
