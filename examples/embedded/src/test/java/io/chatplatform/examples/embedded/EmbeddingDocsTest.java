package io.chatplatform.examples.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The embedding example in the docs is this module's source, between its {@code tag::embed} and
 * {@code end::embed} markers, character for character: change one, and this fails until the other
 * follows. The example itself is compiled and run by the build, so the docs' snippet compiles and runs.
 */
class EmbeddingDocsTest {

    /** Tests run in the module's directory; the repository root is two levels up. */
    private static final Path ROOT = Path.of("../..");
    private static final Path EXAMPLE = Path.of("src/main/java/io/chatplatform/examples/embedded/EmbeddedChatExample.java");
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

    static String snippet() throws IOException {
        String source = Files.readString(EXAMPLE);
        int start = source.indexOf("// tag::embed[]\n");
        int end = source.indexOf("// end::embed[]");
        assertThat(start).as("the tag::embed marker").isNotNegative();
        assertThat(end).as("the end::embed marker").isGreaterThan(start);
        return source.substring(start + "// tag::embed[]\n".length(), end);
    }

    @ParameterizedTest(name = "{0} shows the example exactly as it is built and run")
    @ValueSource(strings = {"README.md", "docs/architecture.md"})
    void the_doc_shows_the_example(String doc) throws IOException {
        String text = Files.readString(ROOT.resolve(doc));
        List<String> blocks = new ArrayList<>();
        Matcher matcher = JAVA_BLOCK.matcher(text);
        while (matcher.find()) {
            blocks.add(matcher.group(1));
        }

        assertThat(blocks).as("the java blocks of %s", doc).contains(snippet());
    }
}
