package io.chatplatform.adapter.http.internal.request;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatplatform.adapter.http.internal.json.Json;
import io.chatplatform.domain.InvalidValueException;
import io.chatplatform.domain.user.FieldUpdate;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Reads the declared inputs of one request and collects every problem, so that a 422 names all
 * offending fields at once, as FastAPI does. Read all inputs first, then call {@link #check()},
 * then use the values: a value that failed to read is {@code null}.
 */
public final class RequestReader {

    /** Longest JSON parser message passed on to the client. */
    private static final int MAX_REASON_LENGTH = 120;

    private final Context ctx;
    private final List<Input<?>> declared;
    private final List<FieldError> errors = new ArrayList<>();
    private Body body;

    public RequestReader(Context ctx, List<Input<?>> declared) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.declared = List.copyOf(declared);
    }

    /** The input's value; its default when absent; {@code null} when absent without default or invalid. */
    public <T> T get(Input<T> input) {
        Raw raw = raw(input);
        if (raw.absent() || raw.isNull()) {
            if (input.required() && raw.reportable()) {
                errors.add(raw.isNull() ? typeError(input) : FieldError.missing(loc(input)));
            }
            return input.defaultValue();
        }
        return convert(input, raw);
    }

    /** A merge-patch field: absent keeps the stored value, {@code null} clears it, a value sets it. */
    public <T> FieldUpdate<T> update(Input<T> input) {
        if (!input.nullable() || !input.source().isBody()) {
            throw new IllegalArgumentException("input " + input.name() + " is not a nullable body field");
        }
        Raw raw = raw(input);
        if (raw.absent()) {
            return FieldUpdate.keep();
        }
        if (raw.isNull()) {
            return FieldUpdate.clear();
        }
        T value = convert(input, raw);
        return value == null ? FieldUpdate.keep() : FieldUpdate.set(value);
    }

    /** Whether the request carries a non-null value for the input, whatever its validity. */
    public boolean isGiven(Input<?> input) {
        Raw raw = raw(input);
        return !raw.absent() && !raw.isNull();
    }

    /** Records a problem that involves more than one input (a password change without the current password). */
    public void reject(FieldError error) {
        errors.add(Objects.requireNonNull(error, "error"));
    }

    /** Throws {@link ValidationFailed} with every problem found so far, if there is any. */
    public void check() {
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
    }

    /** Where a problem with this input is reported. */
    public static List<Object> loc(Input<?> input) {
        return List.of(input.source().loc(), input.locName());
    }

    private <T> T convert(Input<T> input, Raw raw) {
        Object typed;
        if (input.kind() == Input.Kind.INTEGER) {
            LaxInt.Parsed parsed = raw.json() != null
                    ? LaxInt.fromJson(raw.json(), loc(input))
                    : LaxInt.fromString(raw.text(), loc(input));
            if (!parsed.ok()) {
                errors.add(parsed.error());
                return null;
            }
            typed = parsed.value();
        } else if (input.kind() == Input.Kind.BOOLEAN) {
            Boolean flag = raw.json() != null ? (raw.json().isBoolean() ? raw.json().booleanValue() : null) : flag(raw.text());
            if (flag == null) {
                errors.add(raw.json() != null ? FieldError.boolType(loc(input)) : FieldError.boolParsing(loc(input)));
                return null;
            }
            typed = flag;
        } else {
            if (raw.json() != null && !raw.json().isTextual()) {
                errors.add(FieldError.stringType(loc(input)));
                return null;
            }
            typed = raw.json() != null ? raw.json().textValue() : raw.text();
        }
        try {
            return input.convert().apply(typed);
        } catch (InvalidValueException e) {
            errors.add(FieldError.valueError(loc(input), input.locName(), e.reason()));
            return null;
        }
    }

    private FieldError typeError(Input<?> input) {
        return switch (input.kind()) {
            case INTEGER -> FieldError.intType(loc(input));
            case BOOLEAN -> FieldError.boolType(loc(input));
            case STRING -> FieldError.stringType(loc(input));
        };
    }

    /** The words pydantic (and so FastAPI) reads as a boolean in a form or query; null for any other. */
    private static Boolean flag(String text) {
        return switch (text.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "yes", "y", "on", "t" -> Boolean.TRUE;
            case "false", "0", "no", "n", "off", "f" -> Boolean.FALSE;
            default -> null;
        };
    }

    private Raw raw(Input<?> input) {
        if (declared.stream().noneMatch(d -> d == input)) {
            throw new IllegalStateException("input '" + input.name() + "' is read but not declared on the route;"
                    + " declare it so that the OpenAPI document shows it");
        }
        return switch (input.source()) {
            case PATH -> Raw.ofText(ctx.pathParam(input.name()));
            case QUERY -> Raw.ofText(ctx.queryParam(input.name()));
            case HEADER -> Raw.ofText(ctx.header(input.name()));
            case COOKIE -> Raw.ofText(emptyToNull(ctx.cookie(input.name())));
            // FastAPI treats an empty form field as a missing one
            case FORM_BODY -> formField(input);
            case JSON_BODY -> body().field(input.name());
            case FORM_OR_JSON_BODY -> sendsJson() ? body().field(input.name()) : formField(input);
        };
    }

    private Raw formField(Input<?> input) {
        return Raw.ofText(emptyToNull(ctx.formParam(input.name())));
    }

    /** Whether the request declares a JSON body ({@code application/json}, with or without parameters). */
    private boolean sendsJson() {
        String type = ctx.contentType();
        return type != null && type.strip().toLowerCase(Locale.ROOT).startsWith(Json.MEDIA_TYPE);
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private Body body() {
        if (body == null) {
            body = readJsonBody();
        }
        return body;
    }

    private Body readJsonBody() {
        boolean required = declared.stream().anyMatch(i -> i.required()
                && (i.source() == Input.Source.JSON_BODY || i.source() == Input.Source.FORM_OR_JSON_BODY));
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length == 0) {
            if (required) {
                errors.add(FieldError.missing(List.of("body")));
            }
            return Body.unusable(!required);
        }
        JsonNode node;
        try {
            node = Json.parse(bytes);
        } catch (JsonProcessingException e) {
            errors.add(FieldError.jsonInvalid(reason(e)));
            return Body.unusable(false);
        }
        if (node.isMissingNode()) {
            errors.add(FieldError.jsonInvalid("no JSON value, only white space"));
            return Body.unusable(false);
        }
        if (node.isNull() && !required) {
            return Body.unusable(true);
        }
        if (!node.isObject()) {
            errors.add(FieldError.notAnObject());
            return Body.unusable(false);
        }
        return new Body((ObjectNode) node, true);
    }

    /** The parser's first line, without the echo of the source, plus where it stopped. */
    private static String reason(JsonProcessingException e) {
        String message = e.getOriginalMessage() == null ? "malformed JSON" : e.getOriginalMessage();
        int newline = message.indexOf('\n');
        if (newline >= 0) {
            message = message.substring(0, newline);
        }
        if (message.length() > MAX_REASON_LENGTH) {
            message = message.substring(0, MAX_REASON_LENGTH) + "...";
        }
        JsonLocation location = e.getLocation();
        if (location != null && location.getLineNr() > 0) {
            message += " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        }
        return message;
    }

    /**
     * An input as found in the request: absent, JSON null, or a value (text for path, query,
     * header and form inputs; a JSON node for body fields). {@code reportable} is false when the
     * body itself was already reported (missing, malformed), so its fields add no noise.
     */
    private record Raw(boolean absent, boolean isNull, String text, JsonNode json, boolean reportable) {
        static Raw ofText(String value) {
            return value == null ? new Raw(true, false, null, null, true) : new Raw(false, false, value, null, true);
        }
    }

    /** A parsed JSON body; {@code object} is null when there is none or it was unusable. */
    private record Body(ObjectNode object, boolean reportable) {
        static Body unusable(boolean reportable) {
            return new Body(null, reportable);
        }

        Raw field(String name) {
            if (object == null || !object.has(name)) {
                return new Raw(true, false, null, null, reportable);
            }
            JsonNode value = object.get(name);
            return value.isNull() ? new Raw(false, true, null, null, true) : new Raw(false, false, null, value, true);
        }
    }
}
