package io.chatplatform.adapter.http.internal.route;

import java.util.Objects;

/**
 * What an action returns when its answer is not the route's first declared response: another
 * declared status (health's 503), or an HTML page. Any other return value is the body of the
 * first declared response.
 */
public record Reply(int status, Object body) {

    public Reply {
        Objects.requireNonNull(body, "body");
    }

    /** A body in a media type of its own (the metrics exposition), sent as it is. */
    public record Raw(String contentType, byte[] content) {
        public Raw {
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(content, "content");
        }
    }

    /**
     * A JSON body already rendered from the route's declared view type (see
     * {@link io.chatplatform.adapter.http.internal.json.RenderedViews}).
     */
    public record RenderedJson(byte[] json) {
        public RenderedJson {
            Objects.requireNonNull(json, "json");
        }
    }

    /** An HTML page, for the documentation viewers. */
    public record Html(String content) {
        public Html {
            Objects.requireNonNull(content, "content");
        }
    }
}
