package io.chatplatform.domain.session;

import io.chatplatform.domain.InvalidValueException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What is stored of a refresh token: the SHA-256 of its secret, as 64 lower-case hex digits. The
 * secret is 256 random bits, so a fast hash is enough (no dictionary to try): a copy of the
 * database does not let anyone present a token.
 */
public record RefreshTokenHash(String hex) {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    public RefreshTokenHash {
        Objects.requireNonNull(hex, "hex");
        if (!HEX.matcher(hex).matches()) {
            throw new InvalidValueException("refresh_token_hash", "must be 64 lower-case hex digits");
        }
    }

    @Override
    public String toString() {
        return "RefreshTokenHash[" + hex.substring(0, 8) + "...]";
    }
}
