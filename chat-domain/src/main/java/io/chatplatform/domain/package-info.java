/**
 * The chat model and its pure policies: users, direct conversations, messages, read positions
 * and domain events. No I/O, no framework, no clock: time and identifiers are passed in. Value
 * types validate themselves in their constructors and throw
 * {@link io.chatplatform.domain.InvalidValueException} naming the offending API field.
 */
package io.chatplatform.domain;
