package io.chatplatform.adapter.http.internal.request;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads integers the way Pydantic does in lax mode, which the replaced service's clients rely on:
 * JSON integers, integral floats ({@code 5.0}) and strings of decimal digits are integers;
 * fractions, booleans, {@code null}, arrays and objects are not.
 *
 * <p>Values beyond the range of {@code long} saturate to {@link Long#MIN_VALUE} or
 * {@link Long#MAX_VALUE}; every integer input has bounds far inside that range, so the value is
 * still rejected, with the input's own range message.
 */
final class LaxInt {

    private static final Pattern DIGITS = Pattern.compile("[+-]?[0-9]+");
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);
    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    /** More digits than any long has: saturate without parsing (bounds the work a huge number costs). */
    private static final int MAX_PARSED_DIGITS = 18;

    private LaxInt() {
    }

    /** An integer, or the error that says why the input is not one. */
    record Parsed(long value, FieldError error) {
        boolean ok() {
            return error == null;
        }
    }

    static Parsed fromString(String text, List<Object> loc) {
        String stripped = text.strip();
        if (!DIGITS.matcher(stripped).matches()) {
            return new Parsed(0, FieldError.intParsing(loc));
        }
        boolean negative = stripped.startsWith("-");
        String digits = stripped.replaceFirst("^[+-]", "").replaceFirst("^0+(?=.)", "");
        if (digits.length() > MAX_PARSED_DIGITS) {
            return new Parsed(negative ? Long.MIN_VALUE : Long.MAX_VALUE, null);
        }
        long magnitude = Long.parseLong(digits);
        return new Parsed(negative ? -magnitude : magnitude, null);
    }

    static Parsed fromJson(JsonNode node, List<Object> loc) {
        if (node.isIntegralNumber()) {
            return new Parsed(saturate(new BigDecimal(node.bigIntegerValue())), null);
        }
        if (node.isNumber()) {
            BigDecimal value = node.decimalValue();
            if (value.signum() != 0 && value.stripTrailingZeros().scale() > 0) {
                return new Parsed(0, FieldError.intFromFloat(loc));
            }
            return new Parsed(saturate(value), null);
        }
        if (node.isTextual()) {
            return fromString(node.textValue(), loc);
        }
        return new Parsed(0, FieldError.intType(loc));
    }

    private static long saturate(BigDecimal integral) {
        if (integral.compareTo(LONG_MAX) > 0) {
            return Long.MAX_VALUE;
        }
        if (integral.compareTo(LONG_MIN) < 0) {
            return Long.MIN_VALUE;
        }
        BigInteger exact = integral.toBigInteger();
        return exact.longValueExact();
    }
}
