package io.chatplatform.domain.user;

import java.util.Objects;
import java.util.Optional;

/**
 * What a partial update does to one optional field: leave it, clear it, or set it. Mirrors a
 * JSON merge patch, where an absent member keeps the value and {@code null} removes it.
 *
 * @param <T> the field's value type
 */
public sealed interface FieldUpdate<T> {

    /** The field keeps its value. */
    record Keep<T>() implements FieldUpdate<T> {
    }

    /** The field loses its value. */
    record Clear<T>() implements FieldUpdate<T> {
    }

    /** The field takes this value. */
    record Set<T>(T value) implements FieldUpdate<T> {
        public Set {
            Objects.requireNonNull(value, "value");
        }
    }

    static <T> FieldUpdate<T> keep() {
        return new Keep<>();
    }

    static <T> FieldUpdate<T> clear() {
        return new Clear<>();
    }

    static <T> FieldUpdate<T> set(T value) {
        return new Set<>(value);
    }

    /** The field's value after this update. */
    default Optional<T> applyTo(Optional<T> current) {
        if (this instanceof Set<T> set) {
            return Optional.of(set.value());
        }
        if (this instanceof Clear<T>) {
            return Optional.empty();
        }
        return current;
    }

    /** Whether the update leaves the field as it is. */
    default boolean isKeep() {
        return this instanceof Keep<T>;
    }
}
