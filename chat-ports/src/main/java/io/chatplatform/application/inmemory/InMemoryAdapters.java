package io.chatplatform.application.inmemory;

import io.chatplatform.application.ChatApplication;
import io.chatplatform.application.port.out.AccessTokens;
import io.chatplatform.application.port.out.PasswordHasher;
import io.chatplatform.application.security.Hs256AccessTokens;
import io.chatplatform.application.security.Pbkdf2PasswordHasher;
import java.time.Clock;
import java.util.Objects;

/**
 * Every outbound port the chat needs, in memory and from the JDK alone: the quickest way to embed
 * the chat, and a base from which to replace one port at a time.
 *
 * <pre>{@code
 * try (ChatApplication chat = InMemoryAdapters.builder().build()) {
 *     // register, send, read: see README.md, "Embed it"
 * }
 * // later, your own message store, everything else still in memory:
 * ChatApplication chat = InMemoryAdapters.builder().messages(myMessageStore).build();
 * }</pre>
 *
 * <p>What it fills in: {@link InMemoryUserStore} for the user ports, {@link InMemoryMessageStore}
 * for the message and conversation-list ports, {@link InMemorySessionStore}, {@link InMemoryBlockStore} and
 * {@link InMemoryAccountErasure} for sessions, blocks and deleted accounts, {@link Pbkdf2PasswordHasher} for passwords,
 * {@link Hs256AccessTokens} with a random secret (tokens are valid for this process only) and
 * {@link Hs256AccessTokens#DEFAULT_LIFETIME}, an {@link InMemoryRateLimiter} (used only if you
 * give {@link ChatApplication.Builder#rateLimits rate limits}), and its clock. Every builder method
 * remains yours to call after it, and the last call for a port wins.
 *
 * <p>Safe for concurrent use, as is every adapter it holds.
 */
public final class InMemoryAdapters {

    private final Clock clock;
    private final InMemoryUserStore users = new InMemoryUserStore();
    private final InMemoryMessageStore messages = new InMemoryMessageStore();
    private final InMemorySessionStore sessions = new InMemorySessionStore();
    private final InMemoryBlockStore blocks = new InMemoryBlockStore();
    private final InMemoryAccountErasure eraseAccounts = new InMemoryAccountErasure(users, messages, sessions, blocks);
    private final PasswordHasher passwordHasher;
    private final AccessTokens accessTokens;
    private final InMemoryRateLimiter rateLimiter;

    /** On the system clock. */
    public InMemoryAdapters() {
        this(Clock.systemUTC());
    }

    /** On {@code clock}, which the rate limiter and the application built from {@link #applyTo} read. */
    public InMemoryAdapters(Clock clock) {
        this(clock, new Pbkdf2PasswordHasher());
    }

    /** With a hasher of the caller's choice: tests give a fast one. */
    InMemoryAdapters(Clock clock, PasswordHasher passwordHasher) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.passwordHasher = Objects.requireNonNull(passwordHasher, "passwordHasher");
        this.accessTokens = Hs256AccessTokens.withRandomSecret(Hs256AccessTokens.DEFAULT_LIFETIME);
        this.rateLimiter = new InMemoryRateLimiter(clock);
    }

    /** A builder filled with fresh in-memory adapters on the system clock; replace any port on it. */
    public static ChatApplication.Builder builder() {
        return new InMemoryAdapters().applyTo(ChatApplication.builder());
    }

    /** Gives {@code builder} this object's adapters and clock, and returns it for more calls. */
    public ChatApplication.Builder applyTo(ChatApplication.Builder builder) {
        return Objects.requireNonNull(builder, "builder")
                .users(users)
                .messages(messages)
                .sessions(sessions)
                .blocks(blocks)
                .eraseAccounts(eraseAccounts)
                .passwordHasher(passwordHasher)
                .accessTokens(accessTokens)
                .rateLimiter(rateLimiter)
                .clock(clock);
    }

    /** The store behind the user ports. */
    public InMemoryUserStore users() {
        return users;
    }

    /** The store behind the message and conversation-list ports. */
    public InMemoryMessageStore messages() {
        return messages;
    }

    /** The store behind the sessions port. */
    public InMemorySessionStore sessions() {
        return sessions;
    }

    /** The store behind the blocks port. */
    public InMemoryBlockStore blocks() {
        return blocks;
    }

    /** The erasure of deleted accounts, over the stores above. */
    public InMemoryAccountErasure eraseAccounts() {
        return eraseAccounts;
    }

    /** The password hasher. */
    public PasswordHasher passwordHasher() {
        return passwordHasher;
    }

    /** The access-token issuer. */
    public AccessTokens accessTokens() {
        return accessTokens;
    }

    /** The rate limiter. */
    public InMemoryRateLimiter rateLimiter() {
        return rateLimiter;
    }

    /** The clock. */
    public Clock clock() {
        return clock;
    }
}
