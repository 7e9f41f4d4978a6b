package io.chatplatform.application.admission;

import io.chatplatform.application.port.out.PasswordHasher;
import io.chatplatform.domain.user.Password;
import io.chatplatform.domain.user.PasswordAttempt;
import io.chatplatform.domain.user.PasswordHash;
import java.util.Objects;

/**
 * A password hasher whose every hash and check runs on a {@link CpuBoundWork} pool, so that a
 * flood of logins cannot take the threads that serve everything else.
 *
 * @see CpuBoundWork
 */
public final class AdmittedPasswordHasher implements PasswordHasher {

    private final PasswordHasher hasher;
    private final CpuBoundWork work;

    /**
     * @param hasher the slow hasher (bcrypt)
     * @param work   where it runs
     */
    public AdmittedPasswordHasher(PasswordHasher hasher, CpuBoundWork work) {
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.work = Objects.requireNonNull(work, "work");
    }

    /** @throws io.chatplatform.application.port.out.CapacityExceededException when the pool's queue is full */
    @Override
    public PasswordHash hash(Password password) {
        return work.run(() -> hasher.hash(password));
    }

    /** @throws io.chatplatform.application.port.out.CapacityExceededException when the pool's queue is full */
    @Override
    public boolean matches(PasswordAttempt attempt, PasswordHash hash) {
        return work.run(() -> hasher.matches(attempt, hash));
    }
}
