package io.chatplatform.bench.scenario;

import java.util.Random;

/** Message texts and partner choice shared by the scenarios. */
final class Content {

    private static final String WORDS = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor "
            + "incididunt ut labore et dolore magna aliqua ";

    private Content() {
    }

    /** Filler text of at least {@code chars} characters. */
    static String padding(int chars) {
        StringBuilder s = new StringBuilder();
        while (s.length() < chars) {
            s.append(WORDS);
        }
        return s.toString();
    }

    /** {@code head} followed by filler, exactly {@code chars} characters (or just {@code head} when longer). */
    static String text(String head, String padding, int chars) {
        if (head.length() + 1 >= chars) {
            return head;
        }
        return head + ' ' + padding.substring(0, chars - head.length() - 1);
    }

    /** A uniformly random index in {@code [0, n)} other than {@code self}; {@code n >= 2}. */
    static int otherThan(int self, int n, Random random) {
        int other = random.nextInt(n - 1);
        return other >= self ? other + 1 : other;
    }
}
