package io.chatplatform.adapter.http.internal.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LaxIntTest {

    private static final List<Object> LOC = List.of("query", "limit");

    private static LaxInt.Parsed parse(String text) {
        return LaxInt.fromString(text, LOC);
    }

    @Test
    @DisplayName("strings of ASCII digits with an optional sign and surrounding spaces are integers")
    void integers() {
        assertThat(parse("42").value()).isEqualTo(42);
        assertThat(parse(" +7 ").value()).isEqualTo(7);
        assertThat(parse("-3").value()).isEqualTo(-3);
        assertThat(parse("007").value()).isEqualTo(7);
        assertThat(parse("000").value()).isZero();
        assertThat(parse("-0").value()).isZero();
        assertThat(parse("9223372036854775807").value()).isEqualTo(Long.MAX_VALUE);
        assertThat(parse("42").ok()).isTrue();
    }

    @Test
    @DisplayName("numbers beyond a long saturate, so that range checks reject them with their own message")
    void saturates() {
        assertThat(parse("99999999999999999999").value()).isEqualTo(Long.MAX_VALUE);
        assertThat(parse("-99999999999999999999").value()).isEqualTo(Long.MIN_VALUE);
        assertThat(parse("0000000000000000000000001").value()).isEqualTo(1);
    }

    @Test
    @DisplayName("anything else is a parsing error")
    void rejects() {
        for (String text : List.of("", " ", "+", "-", "+-1", "1.5", "1e3", "12a", "0x10", "１２", "1 2")) {
            assertThat(parse(text).ok()).as(text).isFalse();
            assertThat(parse(text).error()).as(text).isEqualTo(FieldError.intParsing(LOC));
        }
    }
}
