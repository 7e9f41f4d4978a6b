package io.chatplatform.application.security;

import io.chatplatform.application.port.out.PasswordHasher;
import io.chatplatform.domain.user.Password;
import io.chatplatform.domain.user.PasswordAttempt;
import io.chatplatform.domain.user.PasswordHash;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashing with the JDK alone: PBKDF2 with HMAC-SHA256, a random 16-byte salt per hash
 * and {@value #DEFAULT_ITERATIONS} iterations, the OWASP Password Storage Cheat Sheet's figure
 * for this algorithm (2023). About 150 ms of one core per hash or check (measured on a 2-core VM,
 * JDK 25): that slowness is the protection. Like bcrypt it holds a thread that long, so a server
 * should run it on a bounded pool ({@code io.chatplatform.application.admission.AdmittedPasswordHasher}).
 *
 * <p>A hash is written as {@code pbkdf2-sha256$<iterations>$<salt>$<hash>} (salt and hash in
 * unpadded Base64), so it says how it was made: raising the iteration count later keeps every
 * stored hash checkable, each with the count it was made with. A hash in any other format (a
 * bcrypt hash, for instance) never matches, and checking it never throws.
 *
 * <p>Safe for concurrent use: it holds no mutable state.
 */
public final class Pbkdf2PasswordHasher implements PasswordHasher {

    /** OWASP's 2023 minimum for PBKDF2-HMAC-SHA256. */
    public static final int DEFAULT_ITERATIONS = 600_000;

    static final String ALGORITHM = "pbkdf2-sha256";
    private static final String JCA_ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    /** A stored count above this is not ours (or is a denial of service waiting to happen): it never matches. */
    private static final int MAX_ITERATIONS = 100_000_000;
    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getDecoder();

    private final int iterations;
    private final SecureRandom random = new SecureRandom();

    /** With {@value #DEFAULT_ITERATIONS} iterations. */
    public Pbkdf2PasswordHasher() {
        this(DEFAULT_ITERATIONS);
    }

    /**
     * With a count of our own choosing, for tests that hash many passwords: below the default
     * it is weaker than OWASP advises, so it is not public.
     */
    Pbkdf2PasswordHasher(int iterations) {
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("iterations must be between 1 and " + MAX_ITERATIONS + ", was " + iterations);
        }
        this.iterations = iterations;
    }

    /** The iteration count new hashes are made with. */
    public int iterations() {
        return iterations;
    }

    @Override
    public PasswordHash hash(Password password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derive(password.value(), salt, iterations, HASH_BYTES);
        return new PasswordHash(ALGORITHM + "$" + iterations + "$" + ENCODER.encodeToString(salt) + "$"
                + ENCODER.encodeToString(hash));
    }

    @Override
    public boolean matches(PasswordAttempt attempt, PasswordHash hash) {
        String[] parts = hash.value().split("\\$", -1);
        if (parts.length != 4 || !parts[0].equals(ALGORITHM)) {
            return false;
        }
        try {
            int count = Integer.parseInt(parts[1]);
            byte[] salt = DECODER.decode(parts[2]);
            byte[] expected = DECODER.decode(parts[3]);
            if (count < 1 || count > MAX_ITERATIONS || salt.length == 0 || expected.length == 0) {
                return false;
            }
            byte[] actual = derive(attempt.value(), salt, count, expected.length);
            // constant time: how much of the hash matched says nothing to a caller timing us
            return MessageDigest.isEqual(actual, expected);
        } catch (IllegalArgumentException e) {
            // a count that is not a number, or salt or hash that is not Base64: not our hash, so no match
            return false;
        }
    }

    private static byte[] derive(String password, byte[] salt, int iterations, int length) {
        char[] chars = password.toCharArray();
        PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, length * 8);
        try {
            return SecretKeyFactory.getInstance(JCA_ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            // every Java SE runtime must provide PBKDF2WithHmacSHA256 since Java 8
            throw new IllegalStateException(JCA_ALGORITHM + " is not available in this JVM", e);
        } finally {
            spec.clearPassword();
            Arrays.fill(chars, '\0');
        }
    }

    @Override
    public String toString() {
        return "Pbkdf2PasswordHasher[" + ALGORITHM + ", " + iterations + " iterations]";
    }
}
