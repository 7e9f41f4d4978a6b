package io.chatplatform.adapter.http.internal.request;

import io.chatplatform.domain.Ids;
import io.chatplatform.domain.InvalidValueException;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * One input of a route: where it is read from, its JSON type, whether it is required, and how it
 * becomes a domain value. The same object drives reading ({@link RequestReader}) and the OpenAPI
 * document, so the two cannot disagree.
 *
 * <p>Inputs are constants of the route groups; the {@code with...} methods return modified copies.
 *
 * @param <T> the value the handler gets
 * @param source       where the value comes from
 * @param name         its name in the request (and in the {@code loc} of a 422)
 * @param kind         its JSON type before conversion
 * @param required     whether a request without it is invalid
 * @param nullable     whether JSON {@code null} is a meaningful value (clears a profile field)
 * @param defaultValue the value when absent; {@code null} for none
 * @param constraints  its rules as the document states them; {@code convert} enforces them
 * @param description  shown in the document
 * @param convert      turns the raw {@code Long} or {@code String} into the value; throws
 *                     {@link InvalidValueException} for a value that breaks a rule
 */
public record Input<T>(Source source, String name, Kind kind, boolean required, boolean nullable, T defaultValue,
                       Constraints constraints, String description, Function<Object, T> convert) {

    /**
     * Where an input is read from; {@link #loc()} is FastAPI's word for it. A
     * {@link #FORM_OR_JSON_BODY} field is read from a JSON body when the request says it sends
     * JSON, and from a form otherwise (OAuth2 clients post forms, browser code posts JSON).
     */
    public enum Source {
        PATH("path"), QUERY("query"), HEADER("header"), COOKIE("cookie"), JSON_BODY("body"), FORM_BODY("body"),
        FORM_OR_JSON_BODY("body");

        private final String loc;

        Source(String loc) {
            this.loc = loc;
        }

        public String loc() {
            return loc;
        }

        public boolean isBody() {
            return this == JSON_BODY || this == FORM_BODY || this == FORM_OR_JSON_BODY;
        }
    }

    /** The JSON type of the raw input. */
    public enum Kind {
        INTEGER, STRING, BOOLEAN
    }

    public Input {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(constraints, "constraints");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(convert, "convert");
        if (source == Source.PATH && !required) {
            throw new IllegalArgumentException("path parameter " + name + " must be required");
        }
    }

    /** A positive identifier below 2^53, made into a domain id by {@code make} (which enforces that range). */
    public static <T> Input<T> id(Source source, String name, LongFunction<T> make, String description) {
        return new Input<>(source, name, Kind.INTEGER, true, false, null,
                Constraints.range(1, Ids.MAX_JSON_SAFE, "int64"), description, raw -> make.apply((Long) raw));
    }

    /** An integer between {@code min} and {@code max}. */
    public static Input<Integer> integer(Source source, String name, int min, int max, String description) {
        return new Input<>(source, name, Kind.INTEGER, true, false, null, Constraints.range(min, max, "int32"),
                description, raw -> {
                    long value = (Long) raw;
                    if (value < min || value > max) {
                        throw new InvalidValueException(name, "must be between " + min + " and " + max);
                    }
                    return (int) value;
                });
    }

    /**
     * A string, made into a domain value by {@code make} (which enforces its rules); state those
     * rules for the document with {@link #constrained}.
     */
    public static <T> Input<T> text(Source source, String name, Function<String, T> make, String description) {
        return new Input<>(source, name, Kind.STRING, true, false, null, Constraints.NONE, description,
                raw -> make.apply((String) raw));
    }

    /**
     * A yes or no, false when absent: JSON {@code true}/{@code false}, or in a form, query or
     * header the words FastAPI accepts ({@code true}, {@code false}, {@code 1}, {@code 0},
     * {@code yes}, {@code no}, {@code on}, {@code off}, ...).
     */
    public static Input<Boolean> flag(Source source, String name, String description) {
        return new Input<>(source, name, Kind.BOOLEAN, false, false, Boolean.FALSE, Constraints.NONE, description,
                raw -> (Boolean) raw);
    }

    /** The same input, its rules stated for the document as {@code constraints}. */
    public Input<T> constrained(Constraints constraints) {
        return new Input<>(source, name, kind, required, nullable, defaultValue, constraints, description, convert);
    }

    /** Not required; absent means {@code defaultValue}. */
    public Input<T> optional(T defaultValue) {
        return new Input<>(source, name, kind, false, nullable, defaultValue, constraints, description, convert);
    }

    /** Not required; absent means no value. */
    public Input<T> optional() {
        return optional(null);
    }

    /** JSON {@code null} is a value of its own (for merge-patch fields, "clear"). */
    public Input<T> clearable() {
        return new Input<>(source, name, kind, false, true, defaultValue, constraints, description, convert);
    }

    /** The name in a 422's {@code loc}: FastAPI lower-cases header names there. */
    public String locName() {
        return source == Source.HEADER ? name.toLowerCase(Locale.ROOT) : name;
    }
}
