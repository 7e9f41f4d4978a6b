package io.chatplatform.application.port.in;

import io.chatplatform.domain.user.UserId;
import java.util.Optional;

/** Tells who presented a bearer token. */
public interface Authenticate {

    /** The user the token was issued to, if it is authentic and unexpired. */
    Optional<UserId> authenticate(String bearerToken);
}
