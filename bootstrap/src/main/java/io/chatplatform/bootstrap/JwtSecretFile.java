package io.chatplatform.bootstrap;

import java.nio.file.Path;

/**
 * The signing secret of the embedded default: generated once, kept in the data directory (owner
 * read/write only), so tokens stay valid across restarts without anyone choosing a secret.
 */
final class JwtSecretFile {

    static final String FILE_NAME = "jwt-secret";

    private JwtSecretFile() {
    }

    /** The secret stored in {@code dataDir}, created on first use. */
    static String loadOrCreate(Path dataDir) {
        return SecretFile.loadOrCreate(dataDir.resolve(FILE_NAME), "JWT secret");
    }
}
