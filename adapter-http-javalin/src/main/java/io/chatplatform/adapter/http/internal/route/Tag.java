package io.chatplatform.adapter.http.internal.route;

import java.util.Objects;

/** A group of routes, as the OpenAPI document lists them: a short name and what the group is for. */
public record Tag(String name, String description) {

    public Tag {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        if (name.isBlank() || description.isBlank()) {
            throw new IllegalArgumentException("a tag needs a name and a description, was '" + name + "'");
        }
    }
}
