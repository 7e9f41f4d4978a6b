package io.chatplatform.adapter.http.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RenderedViewsTest {

    private static String text(byte[] json) {
        return new String(json, StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("a value instance is rendered once; an equal but distinct instance is rendered again")
    void once_per_instance() {
        AtomicInteger renders = new AtomicInteger();
        RenderedViews<List<Integer>, List<Integer>> doubled = new RenderedViews<>(list -> {
            renders.incrementAndGet();
            return list.stream().map(i -> 2 * i).toList();
        });
        List<Integer> cached = List.of(1, 2);

        assertThat(text(doubled.json(cached))).isEqualTo("[2,4]");
        assertThat(text(doubled.json(cached))).isEqualTo("[2,4]");
        assertThat(renders).hasValue(1);

        assertThat(text(doubled.json(new ArrayList<>(cached)))).isEqualTo("[2,4]");
        assertThat(renders).hasValue(2);
    }

    @Test
    @DisplayName("two views of the same instance each render it their own way")
    void views_do_not_share() {
        List<Integer> shared = List.of(3);
        RenderedViews<List<Integer>, List<Integer>> plain = new RenderedViews<>(list -> list);
        RenderedViews<List<Integer>, List<Integer>> negated = new RenderedViews<>(list -> list.stream().map(i -> -i).toList());

        assertThat(text(plain.json(shared))).isEqualTo("[3]");
        assertThat(text(negated.json(shared))).isEqualTo("[-3]");
    }
}
