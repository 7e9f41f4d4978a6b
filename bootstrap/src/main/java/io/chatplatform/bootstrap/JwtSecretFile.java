package io.chatplatform.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

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
        Path file = dataDir.resolve(FILE_NAME);
        try {
            Files.createDirectories(dataDir);
            if (!Files.exists(file)) {
                byte[] random = new byte[48];
                new SecureRandom().nextBytes(random);
                write(file, Base64.getEncoder().encodeToString(random));
            }
            String secret = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (secret.length() < 32) {
                throw new IllegalStateException(file + " holds a JWT secret shorter than 32 bytes; delete it to have a new one made");
            }
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or create the JWT secret in " + file, e);
        }
    }

    private static void write(Path file, String secret) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            return; // another process made it first; use theirs
        }
        Files.writeString(file, secret, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    }
}
