package io.chatplatform.application.port.in;

import io.chatplatform.application.port.out.AccessTokens.Grant;
import java.util.Optional;

/**
 * Tells who presented a bearer token, in which session, and until when the token holds (a live
 * connection ends then). A token whose session ended is refused from the moment the ending was
 * answered by the instance that ended it, and within {@code SessionPolicy.checkReuse()} (500 ms)
 * by every other sharing its cache.
 *
 * <p>Safe for concurrent use: the library's implementation may be called from any number of threads at once.
 */
public interface Authenticate {

    /** The user and session the token was issued to and its expiry, if it is authentic, unexpired and its session stands. */
    Optional<Grant> authenticate(String bearerToken);
}
