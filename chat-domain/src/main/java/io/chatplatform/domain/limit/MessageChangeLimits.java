package io.chatplatform.domain.limit;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How far a sent message may change: how long its sender may edit it, how many earlier versions
 * it may collect, how many distinct emoji it may carry.
 *
 * <p>The defaults, and why:
 * <ul>
 *   <li>{@code edit_window=1d}: a sender corrects a message within a day. Direct-messaging apps
 *       bound editing (Signal 24 hours, Telegram 48 hours, WhatsApp and iMessage 15 minutes);
 *       a day covers a correction the next morning while a message that was answered and quoted
 *       weeks ago cannot be rewritten under its replies. {@code off} lets a sender edit forever.</li>
 *   <li>{@code edit_versions=20}: a message keeps at most 20 earlier versions, so at most 20
 *       edits, and then refuses further edits rather than dropping old versions (the history
 *       promises every earlier version). {@code GET /messages/{id}/edits} lists them unpaged;
 *       20 versions of 4,000 characters bound it to about 320 KB. Signal allows 10 edits.</li>
 *   <li>{@code emoji_per_message=20}: as Discord (20 distinct reactions per message). In a direct
 *       conversation two people react, so a message holds at most 40 reactions, and a message in
 *       a response stays small.</li>
 * </ul>
 *
 * <p>Written as configuration: {@code defaults}, or a comma-separated list of changes to the
 * defaults, e.g. {@code edit_window=15m,emoji_per_message=10} or {@code edit_window=off}.
 *
 * @param editWindow       how long after sending its sender may edit a message; empty: always
 * @param maxEditVersions  earlier versions a message may have; an edit beyond is refused
 * @param maxEmojiPerMessage distinct emoji a message may carry; a new emoji beyond is refused
 */
public record MessageChangeLimits(Optional<Duration> editWindow, int maxEditVersions, int maxEmojiPerMessage) {

    public static final Duration DEFAULT_EDIT_WINDOW = Duration.ofDays(1);
    public static final int DEFAULT_EDIT_VERSIONS = 20;
    public static final int DEFAULT_EMOJI_PER_MESSAGE = 20;

    private static final String EDIT_WINDOW = "edit_window";
    private static final String EDIT_VERSIONS = "edit_versions";
    private static final String EMOJI_PER_MESSAGE = "emoji_per_message";

    public MessageChangeLimits {
        Objects.requireNonNull(editWindow, "editWindow");
        editWindow.ifPresent(window -> {
            // whole milliseconds, as configuration writes durations: toString must read back
            if (window.toMillis() < 1 || !window.equals(Duration.ofMillis(window.toMillis()))) {
                throw new IllegalArgumentException(EDIT_WINDOW + " must be a positive number of milliseconds or off, was "
                        + window);
            }
        });
        if (maxEditVersions < 1) {
            throw new IllegalArgumentException(EDIT_VERSIONS + " must be at least 1, was " + maxEditVersions);
        }
        if (maxEmojiPerMessage < 1) {
            throw new IllegalArgumentException(EMOJI_PER_MESSAGE + " must be at least 1, was " + maxEmojiPerMessage);
        }
    }

    /** The defaults given on the type. */
    public static MessageChangeLimits defaults() {
        return new MessageChangeLimits(Optional.of(DEFAULT_EDIT_WINDOW), DEFAULT_EDIT_VERSIONS, DEFAULT_EMOJI_PER_MESSAGE);
    }

    /**
     * Reads the configuration form described on the type.
     *
     * @throws IllegalArgumentException saying what is wrong and what is expected
     */
    public static MessageChangeLimits parse(String text) {
        Objects.requireNonNull(text, "text");
        String trimmed = text.strip();
        MessageChangeLimits limits = defaults();
        if (trimmed.equals("defaults") || trimmed.isEmpty()) {
            return limits;
        }
        for (String part : trimmed.split(",")) {
            String[] pair = part.strip().split("=", 2);
            if (pair.length != 2) {
                throw new IllegalArgumentException("'" + part.strip() + "' is not <limit>=<value>; the limits are "
                        + EDIT_WINDOW + ", " + EDIT_VERSIONS + ", " + EMOJI_PER_MESSAGE);
            }
            String name = pair[0].strip();
            String value = pair[1].strip();
            switch (name) {
                case EDIT_WINDOW:
                    limits = new MessageChangeLimits(value.equals("off") ? Optional.empty() : Optional.of(Durations.parse(value)),
                            limits.maxEditVersions, limits.maxEmojiPerMessage);
                    break;
                case EDIT_VERSIONS:
                    limits = new MessageChangeLimits(limits.editWindow, count(name, value), limits.maxEmojiPerMessage);
                    break;
                case EMOJI_PER_MESSAGE:
                    limits = new MessageChangeLimits(limits.editWindow, limits.maxEditVersions, count(name, value));
                    break;
                default:
                    throw new IllegalArgumentException("'" + name + "' is not a message change limit; they are "
                            + EDIT_WINDOW + ", " + EDIT_VERSIONS + ", " + EMOJI_PER_MESSAGE);
            }
        }
        return limits;
    }

    private static int count(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": '" + value + "' is not a whole number");
        }
    }

    /** As configuration writes it, every limit: {@link #parse} reads it back as these limits. */
    @Override
    public String toString() {
        return EDIT_WINDOW + "=" + editWindow.map(Durations::format).orElse("off")
                + "," + EDIT_VERSIONS + "=" + maxEditVersions
                + "," + EMOJI_PER_MESSAGE + "=" + maxEmojiPerMessage;
    }
}
