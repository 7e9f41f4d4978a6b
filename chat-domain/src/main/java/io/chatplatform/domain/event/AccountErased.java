package io.chatplatform.domain.event;

import io.chatplatform.domain.user.UserId;
import java.util.Objects;

/**
 * The account of {@code user} was deleted: profile and credentials are gone, and its messages are
 * being erased (see {@link ContentErased}).
 */
public record AccountErased(UserId user) implements DomainEvent {

    public AccountErased {
        Objects.requireNonNull(user, "user");
    }
}
