package io.chatplatform.adapter.http.internal.json;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Objects;
import java.util.function.Function;

/**
 * The rendered JSON of one view, kept per value instance. A cache hands out the very same
 * immutable list for every hit on an entry, so a page read a thousand times is rendered once; a
 * fresh value (read from the database) simply misses. Keys are compared by identity and held
 * weakly: an entry goes when its value is no longer held by anyone. One instance per view, so that
 * a value rendered by two views (the shared empty list, say) never gets the other's bytes.
 *
 * @param <T> the rendered value: immutable, and its rendering depends on nothing else
 * @param <V> the view it is rendered as, the body type of the response that sends the bytes
 */
public final class RenderedViews<T, V> {

    /** Rendered bytes kept per view, at most: about 8 MiB. */
    static final long MAX_BYTES = 8L * 1024 * 1024;

    private final Function<T, V> view;
    private final Cache<T, byte[]> rendered = Caffeine.newBuilder()
            .weakKeys()
            .maximumWeight(MAX_BYTES)
            .weigher((T value, byte[] json) -> json.length)
            .build();

    /** Renders values as {@code view} turns them into response bodies. */
    public RenderedViews(Function<T, V> view) {
        this.view = Objects.requireNonNull(view, "view");
    }

    /** The JSON of {@code view.apply(value)}, rendered once per distinct {@code value} instance. Do not modify it. */
    public byte[] json(T value) {
        Objects.requireNonNull(value, "value");
        return rendered.get(value, v -> Json.bytes(view.apply(v)));
    }
}
