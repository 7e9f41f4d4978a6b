package io.chatplatform.domain.user;

import io.chatplatform.domain.InvalidValueException;
import io.chatplatform.domain.Text;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where the user's picture lives: an absolute http or https URL of at most {@value #MAX_LENGTH}
 * characters (Unicode code points).
 */
public record AvatarUrl(String value) {

    public static final int MAX_LENGTH = 2048;

    public AvatarUrl {
        Text.requireSingleLine("avatar_url", value);
        if (Text.length(value) > MAX_LENGTH) {
            throw new InvalidValueException("avatar_url", "must be at most " + MAX_LENGTH + " characters");
        }
        if (!isWebUrl(value)) {
            throw new InvalidValueException("avatar_url", "must be an absolute http or https URL");
        }
    }

    public static AvatarUrl of(String value) {
        return new AvatarUrl(value);
    }

    private static boolean isWebUrl(String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
