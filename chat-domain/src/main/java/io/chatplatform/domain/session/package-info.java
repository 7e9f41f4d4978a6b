/**
 * Login sessions: what a session is, its rotating refresh token, and the rules for token lifetimes
 * and reuse. Nothing here reads a clock or a random source of its own: times and randomness are
 * given by the caller.
 */
package io.chatplatform.domain.session;
