package io.chatplatform.testkit;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/**
 * The suite's defaults for Awaitility: look at once and then every 10 ms (Awaitility's own 100 ms
 * first delay would add a tenth of a second to every wait), and give up after {@link #DEFAULT_TIMEOUT}.
 *
 * <pre>{@code eventually("both subscriptions noticed").until(() -> !first.isSubscribed());
 * eventually("a worker check").atMost(Duration.ofSeconds(10)).until(checks::last, Optional::isPresent);}</pre>
 */
public final class Waits {

    /** How long a test waits for something another thread or process does, unless it says otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private Waits() {
    }

    /** An Awaitility condition named {@code what} (the failure message says it), polled every 10 ms. */
    public static ConditionFactory eventually(String what) {
        return Awaitility.await(what).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10))
                .atMost(DEFAULT_TIMEOUT);
    }
}
