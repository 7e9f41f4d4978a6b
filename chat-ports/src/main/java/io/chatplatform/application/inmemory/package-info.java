/**
 * The outbound ports in the memory of this JVM, with the same rules as the PostgreSQL stores, and
 * {@link io.chatplatform.application.inmemory.InMemoryAdapters}, which puts them (with the JDK-only
 * password hasher and token issuer) into a {@link io.chatplatform.application.ChatApplication}
 * builder. They are for applications that embed the chat and for tests; nothing they hold survives
 * the process. Every class here is safe for concurrent use. The tests in {@code chat-port-contracts}
 * run against them.
 */
package io.chatplatform.application.inmemory;
