/**
 * Outbound ports: what the application needs from the outside world (stores, hashing, tokens,
 * event delivery), each a narrow interface named by what it does. Adapters implement them;
 * in-memory implementations live in {@code io.chatplatform.application.inmemory}, and the abstract
 * tests every implementation must pass in the {@code chat-port-contracts} module.
 *
 * <p>Implementations of every outbound port must be safe for concurrent use: the library calls
 * them from request threads and from threads of its own (live connections, timers), several at once.
 */
package io.chatplatform.application.port.out;
