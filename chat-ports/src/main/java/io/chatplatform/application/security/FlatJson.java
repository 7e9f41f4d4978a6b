package io.chatplatform.application.security;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a JSON object whose values are strings, numbers, booleans or null: what a JWT header and
 * our tokens' claims are. Anything else (nesting, trailing text, a repeated name) is refused, so a
 * token with an unexpected shape is invalid rather than half-read.
 */
final class FlatJson {

    private final String text;
    private int at;

    private FlatJson(String text) {
        this.text = text;
    }

    /** The members of the object, numbers as their literal text; empty when {@code text} is not such an object. */
    static Optional<Map<String, Object>> parse(String text) {
        try {
            return Optional.of(new FlatJson(text).object());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private Map<String, Object> object() {
        Map<String, Object> members = new HashMap<>();
        skipSpace();
        expect('{');
        skipSpace();
        if (peek() == '}') {
            at++;
        } else {
            while (true) {
                skipSpace();
                String name = string();
                skipSpace();
                expect(':');
                skipSpace();
                if (members.put(name, value()) != null) {
                    throw new IllegalArgumentException("repeated member " + name);
                }
                skipSpace();
                char next = next();
                if (next == '}') {
                    break;
                }
                if (next != ',') {
                    throw new IllegalArgumentException("expected , or } at " + (at - 1));
                }
            }
        }
        skipSpace();
        if (at != text.length()) {
            throw new IllegalArgumentException("text after the object");
        }
        return members;
    }

    private Object value() {
        char first = peek();
        if (first == '"') {
            return string();
        }
        if (first == '-' || (first >= '0' && first <= '9')) {
            return number();
        }
        for (String literal : new String[] {"true", "false", "null"}) {
            if (text.startsWith(literal, at)) {
                at += literal.length();
                return literal.equals("null") ? Null.NULL : Boolean.valueOf(literal);
            }
        }
        throw new IllegalArgumentException("unsupported value at " + at);
    }

    /** A number's literal, checked for JSON's grammar; the caller decides which numbers it accepts. */
    private Number number() {
        int start = at;
        if (peek() == '-') {
            at++;
        }
        digits();
        if (at < text.length() && text.charAt(at) == '.') {
            at++;
            digits();
        }
        if (at < text.length() && (text.charAt(at) == 'e' || text.charAt(at) == 'E')) {
            at++;
            if (at < text.length() && (text.charAt(at) == '+' || text.charAt(at) == '-')) {
                at++;
            }
            digits();
        }
        return new java.math.BigDecimal(text.substring(start, at));
    }

    private void digits() {
        int start = at;
        while (at < text.length() && Character.isDigit(text.charAt(at)) && text.charAt(at) < 128) {
            at++;
        }
        if (at == start) {
            throw new IllegalArgumentException("expected a digit at " + at);
        }
    }

    private String string() {
        expect('"');
        StringBuilder value = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return value.toString();
            }
            if (c < 0x20) {
                throw new IllegalArgumentException("control character in a string");
            }
            if (c != '\\') {
                value.append(c);
                continue;
            }
            char escaped = next();
            switch (escaped) {
                case '"', '\\', '/' -> value.append(escaped);
                case 'b' -> value.append('\b');
                case 'f' -> value.append('\f');
                case 'n' -> value.append('\n');
                case 'r' -> value.append('\r');
                case 't' -> value.append('\t');
                case 'u' -> {
                    if (at + 4 > text.length()) {
                        throw new IllegalArgumentException("short \\u escape");
                    }
                    value.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                    at += 4;
                }
                default -> throw new IllegalArgumentException("bad escape \\" + escaped);
            }
        }
    }

    private void skipSpace() {
        while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) {
            at++;
        }
    }

    private char peek() {
        if (at >= text.length()) {
            throw new IllegalArgumentException("unexpected end");
        }
        return text.charAt(at);
    }

    private char next() {
        char c = peek();
        at++;
        return c;
    }

    private void expect(char c) {
        if (next() != c) {
            throw new IllegalArgumentException("expected " + c + " at " + (at - 1));
        }
    }

    /** JSON's null, as a value a map can hold. */
    enum Null {
        NULL
    }
}
