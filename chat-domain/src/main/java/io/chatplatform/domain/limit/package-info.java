/**
 * Rate limits: what is limited ({@link io.chatplatform.domain.limit.LimitedAction}), how much
 * ({@link io.chatplatform.domain.limit.RateLimit}, a set of token-bucket
 * {@link io.chatplatform.domain.limit.Bandwidth}s), and the answer of a limiter
 * ({@link io.chatplatform.domain.limit.Admission}). Counting is the business of an outbound port.
 */
package io.chatplatform.domain.limit;
