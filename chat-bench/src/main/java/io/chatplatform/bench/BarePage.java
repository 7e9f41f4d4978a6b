package io.chatplatform.bench;

/** A JSON history page of exactly a given size, shaped like the service's (an array of message objects). */
public final class BarePage {

    private static final int MESSAGES = 50;

    private BarePage() {
    }

    /**
     * An array of up to 50 message objects ({@code id, sender_id, recipient_id, content, created_at,
     * seq, client_message_id}) whose contents are padded so that the UTF-8 text is exactly
     * {@code bytes} long (ASCII only); for sizes too small for one message, a string of that size.
     */
    public static String json(int bytes) {
        for (int n = MESSAGES; n >= 1; n--) {
            String empty = page(n, new int[n]);
            int spare = bytes - empty.length();
            if (spare >= 0) {
                int[] lengths = new int[n];
                for (int i = 0; i < n; i++) {
                    lengths[i] = spare / n + (i < spare % n ? 1 : 0);
                }
                return page(n, lengths);
            }
        }
        // "xxx": a JSON string of the size asked for
        return "\"" + "x".repeat(Math.max(0, bytes - 2)) + "\"";
    }

    private static String page(int n, int[] contentLengths) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                s.append(',');
            }
            long id = 1_000_000 + n - i;
            s.append("{\"id\":").append(id)
                    .append(",\"sender_id\":").append(i % 2 == 0 ? 1001 : 1002)
                    .append(",\"recipient_id\":").append(i % 2 == 0 ? 1002 : 1001)
                    .append(",\"content\":\"");
            for (int c = 0; c < contentLengths[i]; c++) {
                s.append((char) ('a' + (c % 26)));
            }
            s.append("\",\"created_at\":\"2026-11-27T14:31:05.123Z\",\"seq\":").append(n - i)
                    .append(",\"client_message_id\":null}");
        }
        return s.append(']').toString();
    }
}
