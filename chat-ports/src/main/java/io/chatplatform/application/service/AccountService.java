package io.chatplatform.application.service;

import io.chatplatform.application.port.in.Authenticate;
import io.chatplatform.application.port.in.LogIn;
import io.chatplatform.application.port.in.RecordActivity;
import io.chatplatform.application.port.in.RegisterUser;
import io.chatplatform.application.port.in.Throttled;
import io.chatplatform.application.port.in.UpdateProfile;
import io.chatplatform.application.port.in.ViewOwnProfile;
import io.chatplatform.application.port.out.AccessTokens;
import io.chatplatform.application.port.out.ChatMetrics;
import io.chatplatform.application.port.out.CreateUser;
import io.chatplatform.application.port.out.EventPublisher;
import io.chatplatform.application.port.out.LoadUser;
import io.chatplatform.application.port.out.PasswordHasher;
import io.chatplatform.application.port.out.UpdateUser;
import io.chatplatform.domain.event.ProfileChanged;
import io.chatplatform.domain.event.UserRegistered;
import io.chatplatform.domain.limit.LimitedAction;
import io.chatplatform.domain.user.Account;
import io.chatplatform.domain.user.Password;
import io.chatplatform.domain.user.PasswordHash;
import io.chatplatform.domain.user.User;
import io.chatplatform.domain.user.UserId;
import io.chatplatform.domain.user.Username;
import io.chatplatform.domain.InvalidValueException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/** Accounts: registration, login (which opens a session), token checks and the owner's view and edit of their profile. */
public final class AccountService implements RegisterUser, LogIn, Authenticate, ViewOwnProfile, UpdateProfile {

    private final CreateUser createUser;
    private final LoadUser loadUser;
    private final UpdateUser updateUser;
    private final PasswordHasher hasher;
    private final AccessTokens tokens;
    private final SessionService sessions;
    private final EventPublisher events;
    private final RecordActivity activity;
    private final ChatMetrics metrics;
    private final RateLimiting limits;
    private final Clock clock;
    private volatile PasswordHash decoy;

    public AccountService(CreateUser createUser, LoadUser loadUser, UpdateUser updateUser, PasswordHasher hasher,
                          AccessTokens tokens, SessionService sessions, EventPublisher events, RecordActivity activity, ChatMetrics metrics,
                          RateLimiting limits, Clock clock) {
        this.createUser = Objects.requireNonNull(createUser, "createUser");
        this.loadUser = Objects.requireNonNull(loadUser, "loadUser");
        this.updateUser = Objects.requireNonNull(updateUser, "updateUser");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.events = Objects.requireNonNull(events, "events");
        this.activity = Objects.requireNonNull(activity, "activity");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public RegisterUser.Result register(RegisterUser.Command command) {
        // counted before the hash: a refused registration costs no CPU
        Optional<Throttled> refused = limits.acquire(LimitedAction.REGISTRATIONS_PER_ADDRESS, command.from().value());
        if (refused.isPresent()) {
            return refused.get();
        }
        if (command.username().isReserved()) {
            // answered as a taken name, without spending a hash on it
            return new AlreadyRegistered();
        }
        PasswordHash hash = hasher.hash(command.password());
        var outcome = createUser.create(new CreateUser.NewUser(command.username(), command.email(), hash, Times.now(clock)));
        if (outcome instanceof CreateUser.Created created) {
            events.publish(new UserRegistered(created.user().id(), created.user().username()));
            metrics.userRegistered();
            return new Registered(created.user().account());
        }
        return new AlreadyRegistered();
    }

    @Override
    public LogIn.Result logIn(LogIn.Command command) {
        Optional<Username> typed = parseUsername(command.username());
        String address = command.from().value();
        // Counted before the password is checked, so that a flood is refused before it costs a hash;
        // given back below unless the login failed: only failures count.
        Optional<Throttled> refused = limits.acquire(LimitedAction.LOGIN_FAILURES_PER_ADDRESS, address);
        if (refused.isPresent()) {
            return refused.get();
        }
        Optional<String> username = typed.map(Username::canonical);
        if (username.isPresent()) {
            refused = limits.acquire(LimitedAction.LOGIN_FAILURES_PER_USERNAME, username.get());
            if (refused.isPresent()) {
                limits.release(LimitedAction.LOGIN_FAILURES_PER_ADDRESS, address);
                return refused.get();
            }
        }
        boolean failed = false;
        try {
            LogIn.Result result = checkCredentials(typed, command);
            failed = result instanceof InvalidCredentials;
            return result;
        } finally {
            if (!failed) {
                limits.release(LimitedAction.LOGIN_FAILURES_PER_ADDRESS, address);
                username.ifPresent(name -> limits.release(LimitedAction.LOGIN_FAILURES_PER_USERNAME, name));
            }
        }
    }

    private LogIn.Result checkCredentials(Optional<Username> typed, LogIn.Command command) {
        Optional<User> user = typed
                .flatMap(loadUser::byUsername)
                .filter(found -> found.username().value().equals(command.username()));
        if (user.isEmpty()) {
            // spend the same time as a wrong password, so timing does not reveal which usernames exist
            hasher.matches(command.password(), decoy());
            metrics.login(false);
            return new InvalidCredentials();
        }
        if (!hasher.matches(command.password(), user.get().passwordHash())) {
            metrics.login(false);
            return new InvalidCredentials();
        }
        metrics.login(true);
        // whoever just logged in is online
        activity.recordActivity(user.get().id());
        return new LoggedIn(user.get().id(), sessions.open(user.get().id(), command.userAgent()));
    }

    @Override
    public Optional<AccessTokens.Grant> authenticate(String bearerToken) {
        if (bearerToken == null || bearerToken.isBlank()) {
            return Optional.empty();
        }
        return tokens.verify(bearerToken, clock.instant())
                .filter(grant -> sessions.isActive(grant.user(), grant.session()));
    }

    @Override
    public Optional<Account> ownProfile(UserId caller) {
        return loadUser.accountById(caller);
    }

    @Override
    public UpdateProfile.Result update(UpdateProfile.Command command) {
        Optional<User> current = loadUser.byId(command.caller());
        if (current.isEmpty()) {
            return new UnknownUser();
        }
        if (command.passwordChange().isPresent()) {
            PasswordChange change = command.passwordChange().get();
            PasswordHash stored = current.get().passwordHash();
            if (!hasher.matches(change.current(), stored)) {
                return new WrongCurrentPassword();
            }
            // compare-and-set: a concurrent change with another current password must not also win
            if (!updateUser.replacePasswordHash(command.caller(), stored, hasher.hash(change.replacement()))) {
                return new WrongCurrentPassword();
            }
            // whoever else held the old password (or a token got with it) is out
            sessions.endAllBut(command.caller(), command.session(), "password_change");
        }
        Optional<Account> updated = command.profile().isEmpty()
                ? loadUser.accountById(command.caller())
                : updateUser.updateProfile(command.caller(), command.profile()).map(User::account);
        if (updated.isEmpty()) {
            return new UnknownUser();
        }
        if (!command.profile().isEmpty() || command.passwordChange().isPresent()) {
            events.publish(new ProfileChanged(command.caller()));
        }
        return new Updated(updated.get());
    }

    private static Optional<Username> parseUsername(String typed) {
        try {
            return Optional.of(Username.of(typed));
        } catch (InvalidValueException e) {
            return Optional.empty();
        }
    }

    private PasswordHash decoy() {
        PasswordHash current = decoy;
        if (current == null) {
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            current = hasher.hash(Password.of(Base64.getEncoder().encodeToString(random)));
            decoy = current;
        }
        return current;
    }
}
