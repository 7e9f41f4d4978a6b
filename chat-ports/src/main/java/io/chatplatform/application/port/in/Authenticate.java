package io.chatplatform.application.port.in;

import io.chatplatform.application.port.out.AccessTokens.Grant;
import java.util.Optional;

/**
 * Tells who presented a bearer token, and until when the token holds (a live connection ends then).
 *
 * <p>Safe for concurrent use: the library's implementation may be called from any number of threads at once.
 */
public interface Authenticate {

    /** The user the token was issued to and its expiry, if it is authentic and unexpired. */
    Optional<Grant> authenticate(String bearerToken);
}
