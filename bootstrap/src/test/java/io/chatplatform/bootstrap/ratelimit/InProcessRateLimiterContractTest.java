package io.chatplatform.bootstrap.ratelimit;

import io.chatplatform.application.port.out.RateLimiter;
import io.chatplatform.contracts.RateLimiterContract;

/** The in-process limiter keeps the RateLimiter contract. */
class InProcessRateLimiterContractTest extends RateLimiterContract {

    @Override
    protected RateLimiter newLimiter() {
        return new InProcessRateLimiter(1_000, clock);
    }
}
