package io.chatplatform.adapter.postgres;

import io.chatplatform.testkit.TestPostgres;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A migrated database in a schema of its own for one test class, dropped afterwards, so that test
 * classes cannot see each other's rows and the suite can run twice in a row on one server.
 *
 * <pre>{@code @RegisterExtension static final FreshSchema db = new FreshSchema();}</pre>
 */
final class FreshSchema implements BeforeAllCallback, AfterAllCallback {

    private String schema;
    private PostgresDatabase database;
    // @Nested classes inherit the extension and call it again; only the outermost call opens and drops
    private int depth;

    @Override
    public void beforeAll(ExtensionContext context) {
        if (depth++ > 0) {
            return;
        }
        schema = TestPostgres.freshSchemaName("chat_test");
        database = PostgresDatabase.open(TestDatabase.server().withSchema(schema));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (--depth > 0) {
            return;
        }
        try {
            if (database != null) {
                database.close();
            }
        } finally {
            TestDatabase.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    PostgresDatabase database() {
        return database;
    }

    PostgresUserStore users() {
        return database.users();
    }

    PostgresMessageStore messages() {
        return database.messages();
    }

    String schema() {
        return schema;
    }

    /** A number from a query on this schema's tables, for looking behind the ports. */
    long count(String sql, Object... arguments) {
        return database.jdbi().withHandle(handle -> {
            var query = handle.createQuery(sql);
            for (int i = 0; i < arguments.length; i++) {
                query.bind(i, arguments[i]);
            }
            return query.mapTo(Long.class).one();
        });
    }
}
