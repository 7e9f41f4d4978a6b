package io.chatplatform.domain.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.chatplatform.domain.InvalidValueException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class EmojiTest {

    static Stream<Arguments> one_emoji() {
        return Stream.of(
                Arguments.of("a single emoji", "👍"),
                Arguments.of("an emoji from the Basic Multilingual Plane", "⌚"),
                Arguments.of("an emoji of Unicode 16.0", "\uD83E\uDEE9"), // 1FAE9 face with bags under eyes
                Arguments.of("a text-default emoji with U+FE0F", "☺️"),
                Arguments.of("the copyright sign as emoji", "©️"),
                Arguments.of("a red heart", "❤️"),
                Arguments.of("a skin tone", "👍🏽"),
                Arguments.of("a skin tone on a text-default emoji", "☝🏿"),
                Arguments.of("a keycap", "1️⃣"),
                Arguments.of("the hash keycap", "#️⃣"),
                Arguments.of("a flag", "🇺🇸"),
                Arguments.of("a subdivision flag (Scotland)", "🏴󠁧󠁢󠁳󠁣󠁴󠁿"),
                Arguments.of("a black flag alone", "🏴"),
                Arguments.of("a family", "👩‍👩‍👧‍👦"),
                Arguments.of("a technologist with a skin tone", "🧑🏽‍💻"),
                Arguments.of("the rainbow flag", "🏳️‍🌈"),
                Arguments.of("the pirate flag", "🏴‍☠️"),
                Arguments.of("a heart on fire", "❤️‍🔥"),
                Arguments.of("a kiss", "👨‍❤️‍💋‍👨"),
                Arguments.of("a kiss with two skin tones (10 code points)", "👩🏻‍❤️‍💋‍👨🏼"),
                Arguments.of("a hair style component alone", "🦰"),
                Arguments.of("a woman with red hair", "👩‍🦰"),
                Arguments.of("a woman running", "🏃‍♀️"),
                Arguments.of("the lightest skin tone", "👍🏻"),
                Arguments.of("the darkest skin tone", "👍🏿"),
                Arguments.of("a family of two with skin tones", "🧑🏻‍🤝‍🧑🏿"),
                Arguments.of("a handshake with two skin tones", "🫱🏻‍🫲🏿"),
                Arguments.of("a family of three", "👨‍👩‍👦"),
                Arguments.of("an eye in a speech bubble (two text-default emoji joined)", "👁️‍🗨️"),
                Arguments.of("a flag of a region that may not exist yet", "🇦🇦"),
                Arguments.of("the flag of England", "🏴󠁧󠁢󠁥󠁮󠁧󠁿"),
                Arguments.of("the star keycap", "*️⃣"),
                Arguments.of("the zero keycap", "0️⃣"),
                Arguments.of("the trade mark sign as emoji", "™️"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("one_emoji")
    void one_emoji_is_accepted_as_it_is_when_fully_qualified(String what, String emoji) {
        assertThat(Emoji.of(emoji).value()).isEqualTo(emoji);
        assertThat(Emoji.of(emoji)).hasToString(emoji);
    }

    static Stream<Arguments> not_one_emoji() {
        return Stream.of(
                Arguments.of("a letter", "a"),
                Arguments.of("a word", "ok"),
                Arguments.of("an emoticon", ":)"),
                Arguments.of("a digit alone", "1"),
                Arguments.of("a digit with U+FE0F but no keycap", "1️"),
                Arguments.of("the keycap mark alone", "\u20E3"),
                Arguments.of("a letter as keycap", "a\u20E3"),
                Arguments.of("a space", " "),
                Arguments.of("a tab", "\t"),
                Arguments.of("empty", ""),
                Arguments.of("two emoji", "👍👍"),
                Arguments.of("two different emoji", "👍👎"),
                Arguments.of("an emoji and a space", "👍 "),
                Arguments.of("a space and an emoji", " 👍"),
                Arguments.of("an emoji and a letter", "👍a"),
                Arguments.of("a control character", "\u0007"),
                Arguments.of("an emoji after a control character", "\u0001👍"),
                Arguments.of("a lone zero width joiner", "\u200D"),
                Arguments.of("a trailing zero width joiner", "👍\u200D"),
                Arguments.of("a leading zero width joiner", "\u200D👍"),
                Arguments.of("two joiners in a row", "👩\u200D\u200D👧"),
                Arguments.of("a lone presentation selector", "\uFE0F"),
                Arguments.of("two presentation selectors", "❤\uFE0F\uFE0F"),
                Arguments.of("a text presentation selector", "❤\uFE0E"),
                Arguments.of("a lone skin tone", "🏽"),
                Arguments.of("two skin tones", "👍🏽🏽"),
                Arguments.of("a skin tone on an emoji that takes none", "🍎🏽"),
                Arguments.of("a skin tone after U+FE0F", "☝️🏽"),
                Arguments.of("a combining accent (a grapheme, but text)", "a\u0301"),
                Arguments.of("an emoji with a combining accent", "👍\u0301"),
                Arguments.of("a lone high surrogate", "\uD83D"),
                Arguments.of("a lone low surrogate", "\uDC4D"),
                Arguments.of("a NUL", "\u0000"),
                Arguments.of("one regional indicator", "🇺"),
                Arguments.of("three regional indicators", "🇺🇸🇺"),
                Arguments.of("a flag joined to an emoji", "🇺🇸\u200D👍"),
                Arguments.of("a keycap joined to an emoji", "1️⃣\u200D👍"),
                Arguments.of("tags without the cancel tag", "🏴\uDB40\uDC67\uDB40\uDC62"),
                Arguments.of("a cancel tag alone", "\uDB40\uDC7F"),
                Arguments.of("tags on an emoji other than the black flag", "👍\uDB40\uDC67\uDB40\uDC7F"),
                Arguments.of("a CJK ideograph", "字"),
                Arguments.of("a mathematical symbol", "∑"),
                Arguments.of("an unassigned code point", "\uD83E\uDEFF"), // U+1FAFF
                Arguments.of("a private use character", "\uE000"),
                Arguments.of("a long joined sequence (17 code points)", "👍\u200D".repeat(8) + "👍"),
                Arguments.of("two letters", "ab"),
                Arguments.of("a capital letter", "A"),
                Arguments.of("two digits", "12"),
                Arguments.of("a digit before a keycap", "12\u20E3"),
                Arguments.of("a keycap then a digit", "1\uFE0F\u20E3" + "2"),
                Arguments.of("a digit with a skin tone", "1🏽"),
                Arguments.of("an Arabic-Indic digit as keycap", "\u0661\u20E3"),
                Arguments.of("a full-width digit as keycap", "\uFF11\u20E3"),
                Arguments.of("two keycaps", "1️⃣2️⃣"),
                Arguments.of("two flags", "🇺🇸🇫🇷"),
                Arguments.of("a regional indicator and a letter", "🇺S"),
                Arguments.of("a thumbs up twice with a tone", "👍🏽👍"),
                Arguments.of("a skin tone before its emoji", "🏽👍"),
                Arguments.of("a family joined by a space", "👩 👧"),
                Arguments.of("a joiner after a skin tone with nothing after it", "👍🏽\u200D"),
                Arguments.of("a joined letter", "👩\u200Da"),
                Arguments.of("a keycap on U+FE0E", "1\uFE0E\u20E3"),
                Arguments.of("an emoji with a text presentation selector", "👍\uFE0E"),
                Arguments.of("a heart with a text presentation selector before U+FE0F", "❤\uFE0E\uFE0F"),
                Arguments.of("a number sign alone", "#"),
                Arguments.of("a word that names an emoji", "thumbsup"),
                Arguments.of("a shortcode", ":+1:"),
                Arguments.of("a non-breaking space", "\u00A0"),
                Arguments.of("a zero width space", "\u200B"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("not_one_emoji")
    void anything_but_one_emoji_is_refused_naming_the_field(String what, String text) {
        assertThatThrownBy(() -> Emoji.of(text))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("emoji"));
    }

    @Test
    void nothing_is_refused_as_required() {
        assertThatThrownBy(() -> Emoji.of(null)).isInstanceOfSatisfying(InvalidValueException.class,
                e -> assertThat(e.reason()).isEqualTo("is required"));
        assertThatThrownBy(() -> Emoji.of("ok")).isInstanceOfSatisfying(InvalidValueException.class,
                e -> assertThat(e.reason()).isEqualTo("must be exactly one emoji"));
    }

    @Test
    void the_length_limit_counts_the_fully_qualified_form() {
        String fifteen = "👍\u200D".repeat(7) + "👍";
        assertThat(Emoji.of(fifteen).value()).isEqualTo(fifteen);
        // 11 code points as sent, 17 once each heart has its U+FE0F
        String hearts = "❤\u200D".repeat(5) + "❤";
        assertThat(hearts.codePointCount(0, hearts.length())).isEqualTo(11);
        assertThatThrownBy(() -> Emoji.of(hearts)).isInstanceOf(InvalidValueException.class);
        assertThat(Emoji.of("❤\u200D".repeat(4) + "❤").value()).isEqualTo("❤️\u200D".repeat(4) + "❤️");
        assertThatThrownBy(() -> Emoji.of("👍".repeat(Emoji.MAX_UTF16_LENGTH))).isInstanceOf(InvalidValueException.class);
    }

    @ParameterizedTest(name = "{0} is the same emoji as {1}")
    @MethodSource("same_emoji")
    void the_keyboard_does_not_matter_each_emoji_has_one_form(String sent, String kept) {
        assertThat(Emoji.of(sent).value()).isEqualTo(kept);
        assertThat(Emoji.of(sent)).isEqualTo(Emoji.of(kept));
    }

    static Stream<Arguments> same_emoji() {
        return Stream.of(
                Arguments.of("❤", "❤️"),
                Arguments.of("©", "©️"),
                Arguments.of("☺", "☺️"),
                Arguments.of("1\u20E3", "1️⃣"),
                Arguments.of("👍\uFE0F", "👍"),
                Arguments.of("🏳\u200D🌈", "🏳️‍🌈"),
                Arguments.of("❤\u200D🔥", "❤️‍🔥"),
                Arguments.of("👨\u200D❤\u200D💋\u200D👨", "👨‍❤️‍💋‍👨"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"#", "*", "0", "9"})
    void keycap_bases_are_emoji_only_as_keycaps(String base) {
        assertThat(Emoji.of(base + "\u20E3").value()).isEqualTo(base + "\uFE0F\u20E3");
        assertThatThrownBy(() -> Emoji.of(base)).isInstanceOf(InvalidValueException.class);
    }

    /**
     * The tables are Unicode 16.0's; so is java.lang.Character on JDK 24 and 25 (JDK 21 added the
     * emoji properties, with older data). Run on such a JDK, every code point is checked.
     */
    @Test
    void the_tables_are_the_emoji_properties_of_unicode_16() throws Exception {
        assumeTrue(unicodeIs16(), "the running JDK does not carry Unicode 16.0 data");
        Method isEmoji = Character.class.getMethod("isEmoji", int.class);
        Method isEmojiPresentation = Character.class.getMethod("isEmojiPresentation", int.class);
        Method isEmojiModifierBase = Character.class.getMethod("isEmojiModifierBase", int.class);
        List<String> differences = new ArrayList<>();
        for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
            boolean component = c == '#' || c == '*' || (c >= '0' && c <= '9')
                    || (c >= 0x1F1E6 && c <= 0x1F1FF) || (c >= 0x1F3FB && c <= 0x1F3FF);
            boolean emoji = (boolean) isEmoji.invoke(null, c) && !component;
            boolean text = emoji && !(boolean) isEmojiPresentation.invoke(null, c);
            boolean modifierBase = (boolean) isEmojiModifierBase.invoke(null, c);
            if (emoji != Emoji.isEmojiCharacter(c) || text != Emoji.hasTextPresentation(c)
                    || modifierBase != Emoji.takesSkinTone(c)) {
                differences.add(Integer.toHexString(c));
            }
        }
        assertThat(differences).isEmpty();
    }

    /** Garay is new in Unicode 16.0; Sidetic arrives with 17.0. */
    private static boolean unicodeIs16() {
        return hasScript("GARAY") && !hasScript("SIDETIC");
    }

    private static boolean hasScript(String name) {
        try {
            Character.UnicodeScript.valueOf(name);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
