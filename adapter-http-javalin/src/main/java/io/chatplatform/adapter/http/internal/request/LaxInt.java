package io.chatplatform.adapter.http.internal.request;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

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
        // by hand, not by regular expression: every limit, offset and id of a query goes through here
        String stripped = text.strip();
        int start = 0;
        boolean negative = false;
        if (!stripped.isEmpty() && (stripped.charAt(0) == '+' || stripped.charAt(0) == '-')) {
            negative = stripped.charAt(0) == '-';
            start = 1;
        }
        if (start == stripped.length()) {
            return new Parsed(0, FieldError.intParsing(loc));
        }
        for (int i = start; i < stripped.length(); i++) {
            char c = stripped.charAt(i);
            if (c < '0' || c > '9') {
                return new Parsed(0, FieldError.intParsing(loc));
            }
        }
        while (start < stripped.length() - 1 && stripped.charAt(start) == '0') {
            start++;
        }
        String digits = stripped.substring(start);
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
