package io.chatplatform.application.realtime;

import java.time.Duration;
import java.util.Objects;

/**
 * Tunables of live connections.
 *
 * @param resumeWait        how long live events wait for a possible resume after a connection opens
 * @param heartbeat         how often open connections renew their presence
 * @param presenceTtl       how long a renewal keeps a connection's user online (several heartbeats)
 * @param sweep             how often expired presence is looked for (and announced offline)
 * @param typingTtl         how long a typing indication lasts unless repeated
 * @param typingBurst       typing indications a connection may send at once ...
 * @param typingInterval    ... and how fast that allowance refills
 * @param replayPerConversation at most this many missed messages per conversation in one resume
 * @param replayConversations   at most this many conversations (the most recent) looked at by a resume
 * @param replayTotal       at most this many messages in one resume, all conversations together; kept
 *                          below the connection's outbox so a resume never overflows it
 * @param mailboxCapacity   events waiting for one connection before it is closed as too slow
 * @param gapWait           how long a change that arrived after a small gap waits for the changes
 *                          before it (events of one conversation published by two threads may
 *                          overtake each other by a few milliseconds) before the gap is read from
 *                          the store; zero reads it at once
 */
public record RealtimeSettings(Duration resumeWait, Duration heartbeat, Duration presenceTtl, Duration sweep,
                               Duration typingTtl, int typingBurst, Duration typingInterval,
                               int replayPerConversation, int replayConversations, int replayTotal,
                               int mailboxCapacity, Duration gapWait) {

    public static final RealtimeSettings DEFAULT = new RealtimeSettings(Duration.ofSeconds(1), Duration.ofSeconds(20),
            Duration.ofSeconds(60), Duration.ofSeconds(5), Duration.ofSeconds(6), 5, Duration.ofSeconds(1), 500, 1000,
            500, 10_000, Duration.ofMillis(50));

    public RealtimeSettings {
        positive(resumeWait, "resumeWait");
        positive(heartbeat, "heartbeat");
        positive(presenceTtl, "presenceTtl");
        positive(sweep, "sweep");
        positive(typingTtl, "typingTtl");
        positive(typingInterval, "typingInterval");
        Objects.requireNonNull(gapWait, "gapWait");
        if (gapWait.isNegative() || gapWait.compareTo(resumeWait) > 0) {
            throw new IllegalArgumentException("gapWait must be between zero and resumeWait (" + resumeWait + "), was "
                    + gapWait);
        }
        if (presenceTtl.compareTo(heartbeat.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("presenceTtl must be at least two heartbeats, so one lost renewal does "
                    + "not take a user offline; was " + presenceTtl + " with heartbeat " + heartbeat);
        }
        if (typingBurst < 1 || replayPerConversation < 1 || replayConversations < 1 || replayTotal < 1
                || mailboxCapacity < 1) {
            throw new IllegalArgumentException("typingBurst, replayPerConversation, replayConversations, replayTotal and "
                    + "mailboxCapacity must be at least 1");
        }
    }

    /** These settings with {@code wait} as the {@link #gapWait()}. */
    public RealtimeSettings withGapWait(Duration wait) {
        return new RealtimeSettings(resumeWait, heartbeat, presenceTtl, sweep, typingTtl, typingBurst, typingInterval,
                replayPerConversation, replayConversations, replayTotal, mailboxCapacity, wait);
    }

    private static void positive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
