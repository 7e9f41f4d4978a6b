package io.chatplatform.application.service;

import io.chatplatform.application.port.in.DeleteAccount;
import io.chatplatform.application.port.out.EraseAccounts;
import io.chatplatform.application.port.out.ErrorReporter;
import io.chatplatform.application.port.out.ErrorReporter.Where;
import io.chatplatform.application.port.out.EventPublisher;
import io.chatplatform.application.port.out.LoadUser;
import io.chatplatform.application.port.out.PasswordHasher;
import io.chatplatform.domain.event.AccountErased;
import io.chatplatform.domain.event.BlockChanged;
import io.chatplatform.domain.event.ContentErased;
import io.chatplatform.domain.user.AccountErasurePolicy;
import io.chatplatform.domain.user.User;
import io.chatplatform.domain.user.UserId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Account deletion: the request does the short part (the account is gone, its sessions ended), and
 * the erasure of its messages runs on the given executor, one bounded step after another, each
 * stored with its progress ({@link EraseAccounts}). What a crash interrupts, {@link #resumeErasures}
 * continues.
 */
public final class AccountDeletionService implements DeleteAccount, AutoCloseable {

    private final LoadUser users;
    private final PasswordHasher hasher;
    private final EraseAccounts erasure;
    private final SessionService sessions;
    private final EventPublisher events;
    private final AccountErasurePolicy policy;
    private final Executor executor;
    private final ErrorReporter errors;
    private final Clock clock;
    private final Set<UserId> running = ConcurrentHashMap.newKeySet();

    public AccountDeletionService(LoadUser users, PasswordHasher hasher, EraseAccounts erasure, SessionService sessions,
                                  EventPublisher events, AccountErasurePolicy policy, Executor executor,
                                  ErrorReporter errors, Clock clock) {
        this.users = Objects.requireNonNull(users, "users");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.erasure = Objects.requireNonNull(erasure, "erasure");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.events = Objects.requireNonNull(events, "events");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.errors = Objects.requireNonNull(errors, "errors");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Result delete(Command command) {
        Optional<User> user = users.byId(command.caller());
        if (user.isEmpty()) {
            return new UnknownUser();
        }
        if (!hasher.matches(command.password(), user.get().passwordHash())) {
            return new WrongPassword();
        }
        Instant now = Times.now(clock);
        Optional<EraseAccounts.Begun> begun = erasure.begin(command.caller(), now, policy.handlesFreeAt(now));
        if (begun.isEmpty()) {
            return new UnknownUser();
        }
        sessions.ended(command.caller(), begun.get().endedSessions(), "account_deleted");
        begun.get().blockPeers().forEach(peer -> events.publish(new BlockChanged(command.caller(), peer, false)));
        events.publish(new AccountErased(command.caller()));
        start(command.caller());
        return new Deleted();
    }

    @Override
    public int resumeErasures() {
        List<UserId> unfinished = erasure.unfinished();
        unfinished.forEach(this::start);
        return unfinished.size();
    }

    /** Stops the executor if the library owns it (a {@link BackgroundExecutor}); an erasure under way resumes at the next start. */
    @Override
    public void close() {
        if (executor instanceof BackgroundExecutor own) {
            own.close();
        }
    }

    /** Runs the erasure to its end on the executor, unless it already runs here. */
    private void start(UserId user) {
        if (!running.add(user)) {
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    eraseAll(user);
                } catch (RuntimeException e) {
                    // the job and its progress are stored: the next start (resumeErasures) continues it
                    errors.report(Where.ACCOUNT_ERASURE, e);
                } finally {
                    running.remove(user);
                }
            });
        } catch (RuntimeException rejected) {
            running.remove(user);
            errors.report(Where.ACCOUNT_ERASURE, rejected);
        }
    }

    /** Steps until nothing is left; each step's change is published as it is stored. */
    void eraseAll(UserId user) {
        while (true) {
            EraseAccounts.Step step = erasure.next(user, policy.batchSize(), Times.now(clock));
            if (step instanceof EraseAccounts.Erased erased) {
                if (!erased.erased().isEmpty() || erased.conversationDone()) {
                    events.publish(new ContentErased(user, erased.conversation(), erased.erased()));
                }
            } else {
                return;
            }
        }
    }
}
