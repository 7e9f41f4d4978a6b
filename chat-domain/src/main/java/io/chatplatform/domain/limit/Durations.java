package io.chatplatform.domain.limit;

import java.time.Duration;

/** Short durations as configuration writes them: {@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h}, {@code 1d}. */
final class Durations {

    private Durations() {
    }

    static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 86_400_000 == 0) {
            return millis / 86_400_000 + "d";
        }
        if (millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1_000 == 0) {
            return millis / 1_000 + "s";
        }
        return millis + "ms";
    }

    /** @throws IllegalArgumentException when {@code text} is not a whole number followed by ms, s, m, h or d */
    static Duration parse(String text) {
        String unit;
        if (text.endsWith("ms")) {
            unit = "ms";
        } else if (!text.isEmpty()) {
            unit = text.substring(text.length() - 1);
        } else {
            unit = "";
        }
        long amount;
        try {
            amount = Long.parseLong(text.substring(0, text.length() - unit.length()));
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration such as 500ms, 10s, 5m, 1h or 1d");
        }
        switch (unit) {
            case "ms":
                return Duration.ofMillis(amount);
            case "s":
                return Duration.ofSeconds(amount);
            case "m":
                return Duration.ofMinutes(amount);
            case "h":
                return Duration.ofHours(amount);
            case "d":
                return Duration.ofDays(amount);
            default:
                throw new IllegalArgumentException("'" + text + "' is not a duration such as 500ms, 10s, 5m, 1h or 1d");
        }
    }
}
