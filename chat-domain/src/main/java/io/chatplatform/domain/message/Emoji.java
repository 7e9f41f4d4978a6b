package io.chatplatform.domain.message;

import io.chatplatform.domain.InvalidValueException;
import io.chatplatform.domain.Text;

/**
 * Exactly one emoji, as a reaction names it: what a person sees as a single emoji picture, not
 * text. Accepted are
 * <ul>
 *   <li>one emoji character, with or without the emoji presentation selector U+FE0F ({@code 👍},
 *       {@code ❤️}, {@code ©️});</li>
 *   <li>an emoji that takes a skin tone followed by one of the five tone modifiers
 *       U+1F3FB..U+1F3FF ({@code 👍🏽});</li>
 *   <li>a keycap: {@code 0}..{@code 9}, {@code #} or {@code *}, U+FE0F if wanted, U+20E3
 *       ({@code 1️⃣});</li>
 *   <li>a flag: two regional indicator letters ({@code 🇺🇸});</li>
 *   <li>a subdivision flag: U+1F3F4, tag characters U+E0020..U+E007E, cancel tag U+E007F
 *       ({@code 🏴󠁧󠁢󠁳󠁣󠁴󠁿});</li>
 *   <li>emoji of the first two kinds joined by U+200D ZERO WIDTH JOINER ({@code 👩‍👩‍👧‍👦},
 *       {@code 🧑🏽‍💻}, {@code 🏳️‍🌈}, {@code ❤️‍🔥}).</li>
 * </ul>
 * At most {@value #MAX_CODE_POINTS} code points and {@value #MAX_UTF16_LENGTH} UTF-16 units: the
 * longest emoji in use (a kiss with two skin tones) has 10 code points.
 *
 * <p>This is a grammar of the emoji sequences of Unicode Technical Standard #51, checked against
 * the emoji property tables below, and deliberately not {@link java.text.BreakIterator}: its
 * grapheme segmentation changed in JDK 20 (extended grapheme clusters), and a grapheme can be text
 * (a letter and a combining accent). It
 * accepts sequences that are well-formed without requiring them to be on Unicode's list of
 * recommended sequences, so a vendor's new ZWJ sequence is not refused; a new emoji
 * <em>character</em> needs a newer table.
 *
 * <p>The value is kept in <em>fully-qualified</em> form, the form emoji keyboards send: U+FE0F
 * after every character whose default presentation is text (unless a skin tone follows it) and
 * none after the others. So {@code ❤} and {@code ❤️}, or {@code 1⃣} and {@code 1️⃣}, are one
 * emoji: one reaction per user per emoji does not depend on the keyboard.
 */
public record Emoji(String value) {

    /** At most this many code points, after the form is made fully qualified. */
    public static final int MAX_CODE_POINTS = 16;
    /** At most this many UTF-16 units, before and after the form is made fully qualified. */
    public static final int MAX_UTF16_LENGTH = 64;

    private static final String FIELD = "emoji";
    private static final String EXPECTED = "must be exactly one emoji";

    private static final int ZWJ = 0x200D;
    private static final int VS16 = 0xFE0F;
    private static final int KEYCAP = 0x20E3;
    private static final int BLACK_FLAG = 0x1F3F4;
    private static final int CANCEL_TAG = 0xE007F;

    // The tables below are generated from Unicode 16.0 emoji-data.txt (the data of
    // java.lang.Character on JDK 24 and later); EmojiTest checks them against the running JDK
    // when its Unicode version is 16.0. Pairs of first and last code point, ascending.

    /**
     * Emoji=Yes, less the characters that are emoji only as part of a sequence: the keycap bases
     * {@code #*0-9}, the regional indicators and the skin tone modifiers.
     */
    private static final int[] EMOJI = {
            0xA9, 0xA9, 0xAE, 0xAE, 0x203C, 0x203C, 0x2049, 0x2049, 0x2122, 0x2122, 0x2139, 0x2139,
            0x2194, 0x2199, 0x21A9, 0x21AA, 0x231A, 0x231B, 0x2328, 0x2328, 0x23CF, 0x23CF, 0x23E9, 0x23F3,
            0x23F8, 0x23FA, 0x24C2, 0x24C2, 0x25AA, 0x25AB, 0x25B6, 0x25B6, 0x25C0, 0x25C0, 0x25FB, 0x25FE,
            0x2600, 0x2604, 0x260E, 0x260E, 0x2611, 0x2611, 0x2614, 0x2615, 0x2618, 0x2618, 0x261D, 0x261D,
            0x2620, 0x2620, 0x2622, 0x2623, 0x2626, 0x2626, 0x262A, 0x262A, 0x262E, 0x262F, 0x2638, 0x263A,
            0x2640, 0x2640, 0x2642, 0x2642, 0x2648, 0x2653, 0x265F, 0x2660, 0x2663, 0x2663, 0x2665, 0x2666,
            0x2668, 0x2668, 0x267B, 0x267B, 0x267E, 0x267F, 0x2692, 0x2697, 0x2699, 0x2699, 0x269B, 0x269C,
            0x26A0, 0x26A1, 0x26A7, 0x26A7, 0x26AA, 0x26AB, 0x26B0, 0x26B1, 0x26BD, 0x26BE, 0x26C4, 0x26C5,
            0x26C8, 0x26C8, 0x26CE, 0x26CF, 0x26D1, 0x26D1, 0x26D3, 0x26D4, 0x26E9, 0x26EA, 0x26F0, 0x26F5,
            0x26F7, 0x26FA, 0x26FD, 0x26FD, 0x2702, 0x2702, 0x2705, 0x2705, 0x2708, 0x270D, 0x270F, 0x270F,
            0x2712, 0x2712, 0x2714, 0x2714, 0x2716, 0x2716, 0x271D, 0x271D, 0x2721, 0x2721, 0x2728, 0x2728,
            0x2733, 0x2734, 0x2744, 0x2744, 0x2747, 0x2747, 0x274C, 0x274C, 0x274E, 0x274E, 0x2753, 0x2755,
            0x2757, 0x2757, 0x2763, 0x2764, 0x2795, 0x2797, 0x27A1, 0x27A1, 0x27B0, 0x27B0, 0x27BF, 0x27BF,
            0x2934, 0x2935, 0x2B05, 0x2B07, 0x2B1B, 0x2B1C, 0x2B50, 0x2B50, 0x2B55, 0x2B55, 0x3030, 0x3030,
            0x303D, 0x303D, 0x3297, 0x3297, 0x3299, 0x3299, 0x1F004, 0x1F004, 0x1F0CF, 0x1F0CF, 0x1F170, 0x1F171,
            0x1F17E, 0x1F17F, 0x1F18E, 0x1F18E, 0x1F191, 0x1F19A, 0x1F201, 0x1F202, 0x1F21A, 0x1F21A, 0x1F22F, 0x1F22F,
            0x1F232, 0x1F23A, 0x1F250, 0x1F251, 0x1F300, 0x1F321, 0x1F324, 0x1F393, 0x1F396, 0x1F397, 0x1F399, 0x1F39B,
            0x1F39E, 0x1F3F0, 0x1F3F3, 0x1F3F5, 0x1F3F7, 0x1F3FA, 0x1F400, 0x1F4FD, 0x1F4FF, 0x1F53D, 0x1F549, 0x1F54E,
            0x1F550, 0x1F567, 0x1F56F, 0x1F570, 0x1F573, 0x1F57A, 0x1F587, 0x1F587, 0x1F58A, 0x1F58D, 0x1F590, 0x1F590,
            0x1F595, 0x1F596, 0x1F5A4, 0x1F5A5, 0x1F5A8, 0x1F5A8, 0x1F5B1, 0x1F5B2, 0x1F5BC, 0x1F5BC, 0x1F5C2, 0x1F5C4,
            0x1F5D1, 0x1F5D3, 0x1F5DC, 0x1F5DE, 0x1F5E1, 0x1F5E1, 0x1F5E3, 0x1F5E3, 0x1F5E8, 0x1F5E8, 0x1F5EF, 0x1F5EF,
            0x1F5F3, 0x1F5F3, 0x1F5FA, 0x1F64F, 0x1F680, 0x1F6C5, 0x1F6CB, 0x1F6D2, 0x1F6D5, 0x1F6D7, 0x1F6DC, 0x1F6E5,
            0x1F6E9, 0x1F6E9, 0x1F6EB, 0x1F6EC, 0x1F6F0, 0x1F6F0, 0x1F6F3, 0x1F6FC, 0x1F7E0, 0x1F7EB, 0x1F7F0, 0x1F7F0,
            0x1F90C, 0x1F93A, 0x1F93C, 0x1F945, 0x1F947, 0x1F9FF, 0x1FA70, 0x1FA7C, 0x1FA80, 0x1FA89, 0x1FA8F, 0x1FAC6,
            0x1FACE, 0x1FADC, 0x1FADF, 0x1FAE9, 0x1FAF0, 0x1FAF8  // 147 ranges
    };

    /** Of {@link #EMOJI}, those with Emoji_Presentation=No: shown as text unless U+FE0F follows. */
    private static final int[] TEXT_PRESENTATION = {
            0xA9, 0xA9, 0xAE, 0xAE, 0x203C, 0x203C, 0x2049, 0x2049, 0x2122, 0x2122, 0x2139, 0x2139,
            0x2194, 0x2199, 0x21A9, 0x21AA, 0x2328, 0x2328, 0x23CF, 0x23CF, 0x23ED, 0x23EF, 0x23F1, 0x23F2,
            0x23F8, 0x23FA, 0x24C2, 0x24C2, 0x25AA, 0x25AB, 0x25B6, 0x25B6, 0x25C0, 0x25C0, 0x25FB, 0x25FC,
            0x2600, 0x2604, 0x260E, 0x260E, 0x2611, 0x2611, 0x2618, 0x2618, 0x261D, 0x261D, 0x2620, 0x2620,
            0x2622, 0x2623, 0x2626, 0x2626, 0x262A, 0x262A, 0x262E, 0x262F, 0x2638, 0x263A, 0x2640, 0x2640,
            0x2642, 0x2642, 0x265F, 0x2660, 0x2663, 0x2663, 0x2665, 0x2666, 0x2668, 0x2668, 0x267B, 0x267B,
            0x267E, 0x267E, 0x2692, 0x2692, 0x2694, 0x2697, 0x2699, 0x2699, 0x269B, 0x269C, 0x26A0, 0x26A0,
            0x26A7, 0x26A7, 0x26B0, 0x26B1, 0x26C8, 0x26C8, 0x26CF, 0x26CF, 0x26D1, 0x26D1, 0x26D3, 0x26D3,
            0x26E9, 0x26E9, 0x26F0, 0x26F1, 0x26F4, 0x26F4, 0x26F7, 0x26F9, 0x2702, 0x2702, 0x2708, 0x2709,
            0x270C, 0x270D, 0x270F, 0x270F, 0x2712, 0x2712, 0x2714, 0x2714, 0x2716, 0x2716, 0x271D, 0x271D,
            0x2721, 0x2721, 0x2733, 0x2734, 0x2744, 0x2744, 0x2747, 0x2747, 0x2763, 0x2764, 0x27A1, 0x27A1,
            0x2934, 0x2935, 0x2B05, 0x2B07, 0x3030, 0x3030, 0x303D, 0x303D, 0x3297, 0x3297, 0x3299, 0x3299,
            0x1F170, 0x1F171, 0x1F17E, 0x1F17F, 0x1F202, 0x1F202, 0x1F237, 0x1F237, 0x1F321, 0x1F321, 0x1F324, 0x1F32C,
            0x1F336, 0x1F336, 0x1F37D, 0x1F37D, 0x1F396, 0x1F397, 0x1F399, 0x1F39B, 0x1F39E, 0x1F39F, 0x1F3CB, 0x1F3CE,
            0x1F3D4, 0x1F3DF, 0x1F3F3, 0x1F3F3, 0x1F3F5, 0x1F3F5, 0x1F3F7, 0x1F3F7, 0x1F43F, 0x1F43F, 0x1F441, 0x1F441,
            0x1F4FD, 0x1F4FD, 0x1F549, 0x1F54A, 0x1F56F, 0x1F570, 0x1F573, 0x1F579, 0x1F587, 0x1F587, 0x1F58A, 0x1F58D,
            0x1F590, 0x1F590, 0x1F5A5, 0x1F5A5, 0x1F5A8, 0x1F5A8, 0x1F5B1, 0x1F5B2, 0x1F5BC, 0x1F5BC, 0x1F5C2, 0x1F5C4,
            0x1F5D1, 0x1F5D3, 0x1F5DC, 0x1F5DE, 0x1F5E1, 0x1F5E1, 0x1F5E3, 0x1F5E3, 0x1F5E8, 0x1F5E8, 0x1F5EF, 0x1F5EF,
            0x1F5F3, 0x1F5F3, 0x1F5FA, 0x1F5FA, 0x1F6CB, 0x1F6CB, 0x1F6CD, 0x1F6CF, 0x1F6E0, 0x1F6E5, 0x1F6E9, 0x1F6E9,
            0x1F6F0, 0x1F6F0, 0x1F6F3, 0x1F6F3  // 116 ranges
    };

    /** Emoji_Modifier_Base=Yes: the emoji a skin tone modifier may follow. */
    private static final int[] MODIFIER_BASE = {
            0x261D, 0x261D, 0x26F9, 0x26F9, 0x270A, 0x270D, 0x1F385, 0x1F385, 0x1F3C2, 0x1F3C4, 0x1F3C7, 0x1F3C7,
            0x1F3CA, 0x1F3CC, 0x1F442, 0x1F443, 0x1F446, 0x1F450, 0x1F466, 0x1F478, 0x1F47C, 0x1F47C, 0x1F481, 0x1F483,
            0x1F485, 0x1F487, 0x1F48F, 0x1F48F, 0x1F491, 0x1F491, 0x1F4AA, 0x1F4AA, 0x1F574, 0x1F575, 0x1F57A, 0x1F57A,
            0x1F590, 0x1F590, 0x1F595, 0x1F596, 0x1F645, 0x1F647, 0x1F64B, 0x1F64F, 0x1F6A3, 0x1F6A3, 0x1F6B4, 0x1F6B6,
            0x1F6C0, 0x1F6C0, 0x1F6CC, 0x1F6CC, 0x1F90C, 0x1F90C, 0x1F90F, 0x1F90F, 0x1F918, 0x1F91F, 0x1F926, 0x1F926,
            0x1F930, 0x1F939, 0x1F93C, 0x1F93E, 0x1F977, 0x1F977, 0x1F9B5, 0x1F9B6, 0x1F9B8, 0x1F9B9, 0x1F9BB, 0x1F9BB,
            0x1F9CD, 0x1F9CF, 0x1F9D1, 0x1F9DD, 0x1FAC3, 0x1FAC5, 0x1FAF0, 0x1FAF8  // 40 ranges
    };

    public Emoji {
        Text.requireStorable(FIELD, value);
        if (value.isEmpty() || value.length() > MAX_UTF16_LENGTH) {
            throw refused();
        }
        value = new Parser(value.codePoints().toArray()).fullyQualified();
        if (value.length() > MAX_UTF16_LENGTH || Text.length(value) > MAX_CODE_POINTS) {
            throw refused();
        }
    }

    /**
     * The emoji in {@code value}, in fully-qualified form.
     *
     * @throws InvalidValueException for field {@code emoji} when {@code value} is not exactly one emoji
     */
    public static Emoji of(String value) {
        return new Emoji(value);
    }

    @Override
    public String toString() {
        return value;
    }

    private static InvalidValueException refused() {
        return new InvalidValueException(FIELD, EXPECTED);
    }

    private static boolean in(int[] ranges, int codePoint) {
        // binary search over the first code points of the ranges
        int low = 0;
        int high = ranges.length / 2 - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (codePoint < ranges[2 * mid]) {
                high = mid - 1;
            } else if (codePoint > ranges[2 * mid + 1]) {
                low = mid + 1;
            } else {
                return true;
            }
        }
        return false;
    }

    private static boolean isKeycapBase(int c) {
        return c == '#' || c == '*' || (c >= '0' && c <= '9');
    }

    private static boolean isRegionalIndicator(int c) {
        return c >= 0x1F1E6 && c <= 0x1F1FF;
    }

    private static boolean isModifier(int c) {
        return c >= 0x1F3FB && c <= 0x1F3FF;
    }

    private static boolean isTagSpec(int c) {
        return c >= 0xE0020 && c <= 0xE007E;
    }

    /** Reads the code points as one emoji, writing its fully-qualified form; refuses anything else. */
    private static final class Parser {

        private final int[] in;
        private final StringBuilder out = new StringBuilder();
        private int at;

        Parser(int[] in) {
            this.in = in;
        }

        String fullyQualified() {
            int first = in[0];
            if (isKeycapBase(first)) {
                keycap();
            } else if (isRegionalIndicator(first)) {
                flag();
            } else if (first == BLACK_FLAG && at + 1 < in.length && isTagSpec(in[at + 1])) {
                tagSequence();
            } else {
                element();
                while (peek() == ZWJ) {
                    out.appendCodePoint(next());
                    element();
                }
            }
            if (at != in.length) {
                throw refused();
            }
            return out.toString();
        }

        /** {@code [#*0-9] FE0F? 20E3}, written with the FE0F. */
        private void keycap() {
            out.appendCodePoint(next()).appendCodePoint(VS16);
            if (peek() == VS16) {
                next();
            }
            expect(KEYCAP);
        }

        /** Two regional indicators; whether they name a region today is not checked (regions change). */
        private void flag() {
            out.appendCodePoint(next());
            if (!isRegionalIndicator(peek())) {
                throw refused();
            }
            out.appendCodePoint(next());
        }

        /** {@code 1F3F4 [E0020-E007E]+ E007F}. */
        private void tagSequence() {
            out.appendCodePoint(next());
            while (isTagSpec(peek())) {
                out.appendCodePoint(next());
            }
            expect(CANCEL_TAG);
        }

        /** An emoji character, then a skin tone (if it takes one) or FE0F or nothing. */
        private void element() {
            int base = next();
            if (!in(EMOJI, base)) {
                throw refused();
            }
            out.appendCodePoint(base);
            if (isModifier(peek())) {
                if (!in(MODIFIER_BASE, base)) {
                    throw refused();
                }
                out.appendCodePoint(next());
                return;
            }
            if (peek() == VS16) {
                next();
            }
            if (in(TEXT_PRESENTATION, base)) {
                out.appendCodePoint(VS16);
            }
        }

        private void expect(int codePoint) {
            if (peek() != codePoint) {
                throw refused();
            }
            out.appendCodePoint(next());
        }

        private int peek() {
            return at < in.length ? in[at] : -1;
        }

        private int next() {
            if (at >= in.length) {
                throw refused();
            }
            return in[at++];
        }
    }

    /** Emoji=Yes, other than a keycap base, a regional indicator or a skin tone (for tests). */
    static boolean isEmojiCharacter(int codePoint) {
        return in(EMOJI, codePoint);
    }

    /** Emoji=Yes and Emoji_Presentation=No, as {@link #isEmojiCharacter} (for tests). */
    static boolean hasTextPresentation(int codePoint) {
        return in(TEXT_PRESENTATION, codePoint);
    }

    /** Emoji_Modifier_Base=Yes (for tests). */
    static boolean takesSkinTone(int codePoint) {
        return in(MODIFIER_BASE, codePoint);
    }
}
