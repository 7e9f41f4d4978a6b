/**
 * Outbound ports: what the application needs from the outside world (stores, hashing, tokens,
 * event delivery), each a narrow interface named by what it does. Adapters implement them;
 * in-memory implementations for tests live in this module's test fixtures.
 */
package io.chatplatform.application.port.out;
