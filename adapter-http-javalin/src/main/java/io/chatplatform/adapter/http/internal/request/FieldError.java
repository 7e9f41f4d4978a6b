package io.chatplatform.adapter.http.internal.request;

import java.util.List;
import java.util.Objects;

/**
 * One item of a 422 answer, in the shape FastAPI (Pydantic v2) gives it, because the replaced
 * service's clients parse it: where ({@code ["body", "username"]}), what ({@code msg}) and a
 * machine-readable {@code type}.
 */
public record FieldError(List<Object> loc, String msg, String type) {

    public FieldError {
        loc = List.copyOf(loc);
        Objects.requireNonNull(msg, "msg");
        Objects.requireNonNull(type, "type");
    }

    public static FieldError missing(List<Object> loc) {
        return new FieldError(loc, "Field required", "missing");
    }

    static FieldError intParsing(List<Object> loc) {
        return new FieldError(loc, "Input should be a valid integer, unable to parse string as an integer", "int_parsing");
    }

    static FieldError intType(List<Object> loc) {
        return new FieldError(loc, "Input should be a valid integer", "int_type");
    }

    static FieldError intFromFloat(List<Object> loc) {
        return new FieldError(loc, "Input should be a valid integer, got a number with a fractional part", "int_from_float");
    }

    static FieldError stringType(List<Object> loc) {
        return new FieldError(loc, "Input should be a valid string", "string_type");
    }

    static FieldError boolParsing(List<Object> loc) {
        return new FieldError(loc, "Input should be a valid boolean, unable to interpret input", "bool_parsing");
    }

    static FieldError boolType(List<Object> loc) {
        return new FieldError(loc, "Input should be a valid boolean", "bool_type");
    }

    static FieldError jsonInvalid(String reason) {
        return new FieldError(List.of("body"), "JSON decode error: " + reason, "json_invalid");
    }

    static FieldError notAnObject() {
        return new FieldError(List.of("body"), "Input should be a valid dictionary or object to extract fields from",
                "model_attributes_type");
    }

    /** A rule of the domain was broken: {@code msg} is the field name and the rule, e.g. "username must be ...". */
    public static FieldError valueError(List<Object> loc, String field, String reason) {
        return new FieldError(loc, field + " " + reason, "value_error");
    }
}
