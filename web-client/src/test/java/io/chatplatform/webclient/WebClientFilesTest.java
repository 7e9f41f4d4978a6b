package io.chatplatform.webclient;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What can be checked of the web client without a browser, on every {@code mvn verify}: the rules
 * of its Content-Security-Policy (no inline script, handler or style), that output is never
 * parsed as markup, that nothing is fetched from another origin, that tokens stay out of storage
 * a script could read, and that every module it imports is there. The browser tests (web-client/e2e)
 * check the behaviour.
 */
class WebClientFilesTest {

    private static final String ROOT = "/io/chatplatform/webclient/app/";
    private static Path root;
    private static Map<String, String> files;

    @BeforeAll
    static void read() throws IOException, URISyntaxException {
        URL index = WebClientFilesTest.class.getResource(ROOT + "index.html");
        assertThat(index).as("index.html on the classpath").isNotNull();
        root = Path.of(index.toURI()).getParent();
        files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(Files::isRegularFile).forEach(path -> {
                try {
                    files.put(root.relativize(path).toString().replace('\\', '/'), Files.readString(path, StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private static Map<String, String> withSuffix(String suffix) {
        Map<String, String> out = new TreeMap<>();
        files.forEach((name, text) -> {
            if (name.endsWith(suffix)) out.put(name, text);
        });
        return out;
    }

    @Test
    @DisplayName("the page has the files it names: index.html, app.css, the modules")
    void layout() {
        assertThat(files).containsKeys("index.html", "app.css", "icon.svg", "js/main.js");
        assertThat(withSuffix(".js")).hasSizeGreaterThan(5);
    }

    @Test
    @DisplayName("index.html: scripts only from files, no inline handler, no style attribute")
    void noInlineScriptOrStyle() {
        String html = files.get("index.html");
        Matcher scripts = Pattern.compile("<script\\b([^>]*)>(.*?)</script>", Pattern.DOTALL).matcher(html);
        int count = 0;
        while (scripts.find()) {
            count++;
            assertThat(scripts.group(1)).as("every script has a src").contains("src=");
            assertThat(scripts.group(2)).as("and no body").isBlank();
        }
        assertThat(count).isEqualTo(1);
        assertThat(html).doesNotContainPattern("(?i)\\son[a-z]+\\s*=").doesNotContainPattern("(?i)\\sstyle\\s*=")
                .doesNotContainPattern("(?i)<style\\b");
    }

    @Test
    @DisplayName("no script turns data into markup, evaluates text, or sets handlers or styles as attributes")
    void noMarkupFromData() {
        List<String> forbidden = List.of("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                "new Function", "setAttribute('on", "setAttribute(\"on", "setAttribute('style", "setAttribute(\"style",
                "DOMParser", "createContextualFragment", "srcdoc");
        withSuffix(".js").forEach((name, text) -> {
            String code = withoutComments(text);
            for (String word : forbidden) {
                assertThat(code).as("%s uses %s", name, word).doesNotContain(word);
            }
        });
    }

    @Test
    @DisplayName("tokens are not kept where any script on the page could read them later")
    void noWebStorage() {
        withSuffix(".js").forEach((name, text) -> assertThat(withoutComments(text)).as(name)
                .doesNotContain("localStorage").doesNotContain("sessionStorage").doesNotContain("document.cookie")
                .doesNotContain("indexedDB"));
    }

    @Test
    @DisplayName("nothing comes from another origin: no CDN, no web font, no absolute URL in src, href, url() or import")
    void sameOriginOnly() {
        Pattern external = Pattern.compile("(?i)(?:src|href)\\s*=\\s*[\"']?\\s*(?:https?:)?//"
                + "|url\\(\\s*[\"']?\\s*(?:https?:)?//|@import|@font-face|from\\s+[\"'](?:https?:)?//|import\\(\\s*[\"'](?:https?:)?//");
        files.forEach((name, text) -> {
            if (name.endsWith(".svg")) return; // its xmlns is a name, not a fetch
            assertThat(external.matcher(text).find()).as("%s refers to another origin", name).isFalse();
        });
    }

    @Test
    @DisplayName("every module imported, and every file the page or the styles name, exists")
    void referencesResolve() {
        Pattern imports = Pattern.compile("(?:import|export)\\s[^;]*?from\\s+'([^']+)'|import\\s+'([^']+)'");
        List<String> missing = new ArrayList<>();
        withSuffix(".js").forEach((name, text) -> {
            Matcher m = imports.matcher(text);
            while (m.find()) {
                String target = m.group(1) != null ? m.group(1) : m.group(2);
                assertThat(target).as("%s imports relatively", name).startsWith("./");
                String resolved = Path.of(name).resolveSibling(target.substring(2)).normalize().toString().replace('\\', '/');
                if (!files.containsKey(resolved)) missing.add(name + " -> " + target);
            }
        });
        Matcher refs = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(files.get("index.html"));
        while (refs.find()) {
            String target = refs.group(1);
            if (target.startsWith("/")) continue; // a route of the service (/docs)
            if (!files.containsKey(target)) missing.add("index.html -> " + target);
        }
        Matcher urls = Pattern.compile("url\\(\"([^\"]+)\"\\)").matcher(files.get("app.css"));
        while (urls.find()) {
            String target = urls.group(1);
            if (!target.startsWith("data:") && !files.containsKey(target)) missing.add("app.css -> " + target);
        }
        assertThat(missing).isEmpty();
    }

    @Test
    @DisplayName("the accessible names the browser tests rely on are in the code")
    void contractNames() {
        String code = String.join("\n", withSuffix(".js").values());
        for (String name : List.of("'Username'", "'Email'", "'Password'", "'Log in'", "'Register'", "'Send'",
                "'Log out'", "'Search users'", "'Message'", " unread`")) {
            assertThat(code).as("the name %s", name).contains(name);
        }
    }

    private static String withoutComments(String code) {
        return code.replaceAll("(?m)^\\s*//.*$", "").replaceAll("/\\*.*?\\*/", "");
    }
}
