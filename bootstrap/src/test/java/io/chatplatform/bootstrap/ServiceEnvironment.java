package io.chatplatform.bootstrap;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Environments for services under test that share one PostgreSQL schema (the local server when it
 * answers, else an embedded one in a data directory) and, optionally, one Redis.
 */
final class ServiceEnvironment {

    static final String SECRET = "service-test-secret-long-enough-for-hs256-0123456789";

    private final Optional<String> databaseUrl = TestPostgres.url();
    private final String schema = TestPostgres.freshSchemaName("chat_svc");
    private final Path dataDir;

    ServiceEnvironment(Path dataDir) {
        this.dataDir = dataDir;
    }

    /** Whether instances can share a database (an embedded one belongs to a single instance). */
    boolean sharedDatabase() {
        return databaseUrl.isPresent();
    }

    /** The variables of one instance; every instance made from this environment shares the data. */
    Map<String, String> instance(Map<String, String> extra) {
        // limits off unless a test asks for them: these tests send and register faster than people do
        Map<String, String> env = new HashMap<>(Map.of("CHAT_HTTP_HOST", "127.0.0.1", "CHAT_HTTP_PORT", "0",
                "CHAT_BCRYPT_COST", "4", "CHAT_JWT_SECRET", SECRET, "CHAT_DATA_DIR", dataDir.toString(),
                "CHAT_RATE_LIMITS", "off"));
        databaseUrl.ifPresent(url -> {
            env.put("CHAT_DATABASE_URL", url);
            env.put("CHAT_DATABASE_SCHEMA", schema);
        });
        env.putAll(extra);
        return env;
    }

    ChatServer start(Map<String, String> extra) {
        return ChatServer.start(ChatConfig.fromEnvironment(instance(extra)));
    }

    /** Drops the shared schema. */
    void cleanUp() {
        databaseUrl.ifPresent(url -> TestPostgres.dropSchema(url, schema));
    }
}
