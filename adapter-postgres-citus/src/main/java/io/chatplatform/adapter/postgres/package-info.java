/**
 * The PostgreSQL / Citus adapter: stores that implement the chat's persistence ports with Jdbi on
 * a HikariCP pool, and Flyway migrations that lay out the tables so that they can be distributed
 * by Citus.
 *
 * <p>The API is {@link io.chatplatform.adapter.postgres.PostgresSettings},
 * {@link io.chatplatform.adapter.postgres.PostgresDatabase} and the two stores it hands out,
 * {@link io.chatplatform.adapter.postgres.PostgresUserStore} and
 * {@link io.chatplatform.adapter.postgres.PostgresMessageStore}, and
 * {@link io.chatplatform.adapter.postgres.MessageStatements}, the send transaction's SQL for the
 * benchmark's ceiling. Everything else (the other SQL text, row records, exception translation) is
 * package-private: the shape of the database never leaves this package.
 */
package io.chatplatform.adapter.postgres;
