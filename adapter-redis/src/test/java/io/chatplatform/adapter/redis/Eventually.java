package io.chatplatform.adapter.redis;

import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting, in tests, for something a background thread does. */
final class Eventually {

    private Eventually() {
    }

    /** Returns once {@code condition} holds; fails saying {@code what} if it does not within {@code within}. */
    static void within(Duration within, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within " + within.toMillis() + " ms: " + what);
            }
            RedisServer.sleep(10);
        }
    }
}
