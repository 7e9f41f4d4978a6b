package io.chatplatform.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A secret the embedded default makes for itself: random, generated on first use and kept in an
 * owner-only file of the data directory, so that it survives restarts without anyone choosing it.
 * Generated secrets are 64 characters of URL-safe Base64 (48 random bytes): nothing in them needs
 * quoting in a URL or in SQL.
 */
final class SecretFile {

    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretFile() {
    }

    /**
     * The secret stored in {@code file}, created on first use.
     *
     * @param what what the secret is, for messages ("JWT secret")
     * @throws IllegalStateException when the file holds fewer than 32 characters
     */
    static String loadOrCreate(Path file, String what) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (!Files.exists(file)) {
                byte[] random = new byte[48];
                RANDOM.nextBytes(random);
                OwnerOnly.writeAtomically(file, Base64.getUrlEncoder().encodeToString(random));
            }
            OwnerOnly.file(file);
            String secret = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (secret.length() < 32) {
                throw new IllegalStateException(file + " holds a " + what + " shorter than 32 bytes; delete it to have a new one made");
            }
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or create the " + what + " in " + file, e);
        }
    }
}
