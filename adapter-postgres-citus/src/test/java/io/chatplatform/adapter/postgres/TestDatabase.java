package io.chatplatform.adapter.postgres;

import io.chatplatform.testkit.TestPostgres;

/**
 * The test kit's PostgreSQL server ({@link TestPostgres}: {@code CHAT_TEST_DATABASE_URL}, else the
 * local server, else an embedded one) as this adapter's settings. Each test class works in a schema
 * of its own ({@link FreshSchema}).
 */
final class TestDatabase {

    /** Set by the {@code citus} profile: the server is a Citus coordinator and Citus-only tests run. */
    static final boolean CITUS_EXPECTED = TestPostgres.citusExpected();

    private TestDatabase() {
    }

    /** Settings for the server, without a schema. */
    static PostgresSettings server() {
        return PostgresSettings.fromUrl(TestPostgres.url());
    }

    /** Runs administrative SQL (outside any test schema) on the server. */
    static void execute(String sql) {
        TestPostgres.execute(sql);
    }
}
