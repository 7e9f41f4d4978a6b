package io.chatplatform.adapter.http.internal.request;

import java.util.List;
import java.util.Objects;

/**
 * The rules of one input as the OpenAPI document states them, in JSON Schema's words. They are
 * not enforced here: the domain type the input becomes enforces them (a {@code Username} cannot
 * be made from 51 characters). Route groups build them from that type's public constants
 * ({@code Constraints.length(Username.MIN_LENGTH, Username.MAX_LENGTH)}), so the document and
 * the validation cannot drift apart, and a test sends each bound and one past it to the running
 * routes. {@code null} means the document says nothing.
 *
 * @param minimum   the smallest integer
 * @param maximum   the largest integer
 * @param minLength the fewest characters (Unicode code points, as JSON Schema counts)
 * @param maxLength the most characters
 * @param pattern   an ECMA-262 regular expression the whole value must match (anchored with ^ and $)
 * @param format    {@code int32}, {@code int64}, {@code email}, {@code uri}, ...
 * @param values    the only values a string may have (JSON Schema's {@code enum})
 */
public record Constraints(Long minimum, Long maximum, Integer minLength, Integer maxLength, String pattern,
                          String format, List<String> values) {

    /** Nothing stated. */
    public static final Constraints NONE = new Constraints(null, null, null, null, null, null, null);

    public Constraints {
        if (minimum != null && maximum != null && minimum > maximum) {
            throw new IllegalArgumentException("minimum " + minimum + " is above maximum " + maximum);
        }
        if (minLength != null && (minLength < 0 || maxLength != null && minLength > maxLength)) {
            throw new IllegalArgumentException("minLength must be 0 to maxLength, was " + minLength);
        }
        if (pattern != null && !(pattern.startsWith("^") && pattern.endsWith("$"))) {
            // JSON Schema patterns match anywhere; the domain's rules are about the whole value
            throw new IllegalArgumentException("pattern must be anchored with ^ and $, was " + pattern);
        }
        if (values != null) {
            values = List.copyOf(values);
            if (values.isEmpty()) {
                throw new IllegalArgumentException("a list of values needs at least one");
            }
        }
    }

    /** An integer from {@code min} to {@code max}, in {@code format} ({@code int32} or {@code int64}). */
    public static Constraints range(long min, long max, String format) {
        return new Constraints(min, max, null, null, null, Objects.requireNonNull(format, "format"), null);
    }

    /** A string of {@code min} to {@code max} characters. */
    public static Constraints length(int min, int max) {
        return new Constraints(null, null, min, max, null, null, null);
    }

    /** A string of at least {@code min} characters. */
    public static Constraints atLeast(int min) {
        return new Constraints(null, null, min, null, null, null, null);
    }

    /** A string of at most {@code max} characters. */
    public static Constraints atMost(int max) {
        return new Constraints(null, null, null, max, null, null, null);
    }

    /** A string that is one of {@code values}. */
    public static Constraints oneOf(String... values) {
        return new Constraints(null, null, null, null, null, null, List.of(values));
    }

    /** The same, also matching {@code regex} entirely (written in the subset Java and ECMA-262 read alike). */
    public Constraints matching(String regex) {
        return new Constraints(minimum, maximum, minLength, maxLength, "^" + regex + "$", format, values);
    }

    /** The same, with this {@code format} (an annotation for tools: {@code email}, {@code uri}). */
    public Constraints format(String format) {
        return new Constraints(minimum, maximum, minLength, maxLength, pattern, Objects.requireNonNull(format, "format"),
                values);
    }
}
