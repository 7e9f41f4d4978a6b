package io.chatplatform.bootstrap.security;

import io.chatplatform.application.port.out.PasswordHasher;
import io.chatplatform.domain.user.Password;
import io.chatplatform.domain.user.PasswordAttempt;
import io.chatplatform.domain.user.PasswordHash;
import org.mindrot.jbcrypt.BCrypt;

/**
 * bcrypt through jBCrypt. Hashes are written as {@code $2a$}; {@code $2b$} and {@code $2y$}
 * hashes (Python's passlib and PHP write those) are read too, so accounts migrated from the
 * replaced service keep their passwords: the three variants compute the same hash for any
 * password bcrypt accepts.
 */
public final class BcryptPasswordHasher implements PasswordHasher {

    public static final int MIN_COST = 4;
    public static final int MAX_COST = 31;

    private final int cost;

    /** @param cost log2 of the work factor; 12 takes about a quarter of a second on a server core */
    public BcryptPasswordHasher(int cost) {
        if (cost < MIN_COST || cost > MAX_COST) {
            throw new IllegalArgumentException("bcrypt cost must be between " + MIN_COST + " and " + MAX_COST + ", was " + cost);
        }
        this.cost = cost;
    }

    @Override
    public PasswordHash hash(Password password) {
        return new PasswordHash(BCrypt.hashpw(password.value(), BCrypt.gensalt(cost)));
    }

    @Override
    public boolean matches(PasswordAttempt attempt, PasswordHash hash) {
        String stored = hash.value();
        if (stored.startsWith("$2b$") || stored.startsWith("$2y$")) {
            stored = "$2a$" + stored.substring(4);
        }
        try {
            return BCrypt.checkpw(attempt.value(), stored);
        } catch (IllegalArgumentException e) {
            // not a bcrypt hash at all: it cannot match
            return false;
        }
    }
}
