package io.chatplatform.bootstrap;

import io.chatplatform.testkit.SharedRedis;
import io.chatplatform.testkit.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Environments for services under test: every instance made from one environment works in the same
 * fresh schema of the test kit's PostgreSQL ({@link TestPostgres}: configured, local or embedded, so
 * there is always one to share) and, when asked, under the same key prefix of the shared Redis.
 */
final class ServiceEnvironment {

    static final String SECRET = "service-test-secret-long-enough-for-hs256-0123456789";

    private final TestPostgres.Schema schema = TestPostgres.freshSchema("chat_svc");
    private final String redisPrefix = SharedRedis.freshPrefix();
    private final Path dataDir;

    ServiceEnvironment(Path dataDir) {
        this.dataDir = dataDir;
    }

    /** The variables of one instance; every instance made from this environment shares the data. */
    Map<String, String> instance(Map<String, String> extra) {
        // limits off unless a test asks for them: these tests send and register faster than people do
        Map<String, String> env = new HashMap<>(Map.of("CHAT_HTTP_HOST", "127.0.0.1", "CHAT_HTTP_PORT", "0",
                "CHAT_BCRYPT_COST", "4", "CHAT_JWT_SECRET", SECRET, "CHAT_DATA_DIR", dataDir.toString(),
                "CHAT_RATE_LIMITS", "off", "CHAT_DATABASE_URL", schema.url(), "CHAT_DATABASE_SCHEMA", schema.name()));
        env.putAll(extra);
        return env;
    }

    /** The shared Redis on 127.0.0.1:6379 under this environment's key prefix: instances given it share cache and bus. */
    Map<String, String> sharedRedis() {
        return Map.of("CHAT_REDIS_URL", SharedRedis.URL, "CHAT_REDIS_KEY_PREFIX", redisPrefix);
    }

    ChatServer start(Map<String, String> extra) {
        return ChatServer.start(ChatConfig.fromEnvironment(instance(extra)));
    }

    /**
     * The tables of the shared schema with a row whose text (every column, as PostgreSQL prints the
     * row) contains {@code text}: for checks that something was erased everywhere.
     */
    List<String> tablesContaining(String text) throws SQLException {
        List<String> found = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(schema.url());
             PreparedStatement tables = connection.prepareStatement(
                     "SELECT table_name FROM information_schema.tables WHERE table_schema = ? AND table_type = 'BASE TABLE'")) {
            tables.setString(1, schema.name());
            try (ResultSet names = tables.executeQuery()) {
                while (names.next()) {
                    String table = names.getString(1);
                    try (PreparedStatement scan = connection.prepareStatement("SELECT EXISTS (SELECT 1 FROM \""
                            + schema.name() + "\".\"" + table + "\" AS t WHERE strpos(t::text, ?) > 0)")) {
                        scan.setString(1, text);
                        try (ResultSet hit = scan.executeQuery()) {
                            hit.next();
                            if (hit.getBoolean(1)) {
                                found.add(table);
                            }
                        }
                    }
                }
            }
        }
        return found;
    }

    /** Drops the shared schema. */
    void cleanUp() {
        schema.close();
    }
}
