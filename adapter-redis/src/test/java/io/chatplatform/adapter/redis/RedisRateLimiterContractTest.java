package io.chatplatform.adapter.redis;

import io.chatplatform.application.inmemory.InMemoryRateLimiter;
import io.chatplatform.application.port.out.RateLimiter;
import io.chatplatform.contracts.RateLimiterContract;
import io.chatplatform.testkit.SharedRedis;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;

/** The Redis limiter keeps the RateLimiter contract, on the machine's Redis, a key prefix per test. */
@DisplayName("RedisRateLimiter keeps the RateLimiter contract")
class RedisRateLimiterContractTest extends RateLimiterContract {

    /** Static, because the contract makes its limiter in a field initialiser, before this class's own fields exist. */
    private static final List<RedisRateLimiter> LIMITERS = new ArrayList<>();

    @Override
    protected RateLimiter newLimiter() {
        RedisRateLimiter limiter = new RedisRateLimiter(TestRedis.shared(SharedRedis.freshPrefix()),
                new InMemoryRateLimiter(clock), clock, BreakerPolicy.DEFAULT);
        LIMITERS.add(limiter);
        return limiter;
    }

    @AfterEach
    void closeLimiters() {
        LIMITERS.forEach(limiter -> {
            // every call of the contract reached Redis: the fallback was never asked
            org.assertj.core.api.Assertions.assertThat(limiter.failures()).isZero();
            limiter.close();
        });
        LIMITERS.clear();
    }
}
