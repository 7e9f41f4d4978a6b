/**
 * The rules of messages that change after they were sent: who may edit, delete (for everyone or
 * for themself), react and reply, under which {@link io.chatplatform.domain.limit.MessageChangeLimits},
 * answered as a {@link io.chatplatform.domain.message.change.Decision}. Pure: the caller reads the
 * message's {@link io.chatplatform.domain.message.change.MessageState} and the time, asks, and
 * writes only when the answer is {@code Allowed}.
 */
package io.chatplatform.domain.message.change;
