package io.chatplatform.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatplatform.application.fixtures.InMemoryChat;
import io.chatplatform.application.port.in.LogIn;
import io.chatplatform.application.port.in.ManageSessions;
import io.chatplatform.application.port.in.RefreshSession;
import io.chatplatform.application.port.in.RefreshSession.Why;
import io.chatplatform.application.port.in.SessionTokens;
import io.chatplatform.application.port.in.Throttled;
import io.chatplatform.application.port.in.UpdateProfile;
import io.chatplatform.domain.event.SessionsEnded;
import io.chatplatform.domain.limit.Bandwidth;
import io.chatplatform.domain.limit.ClientAddress;
import io.chatplatform.domain.limit.LimitedAction;
import io.chatplatform.domain.limit.RateLimit;
import io.chatplatform.domain.limit.RateLimits;
import io.chatplatform.domain.session.RefreshToken;
import io.chatplatform.domain.session.SessionId;
import io.chatplatform.domain.session.SessionPolicy;
import io.chatplatform.domain.session.UserAgent;
import io.chatplatform.domain.user.Password;
import io.chatplatform.domain.user.PasswordAttempt;
import io.chatplatform.domain.user.ProfileUpdate;
import io.chatplatform.domain.user.User;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Sessions through the application: login, rotation, reuse detection, expiry, logout and revocation. */
@DisplayName("sessions")
class SessionServiceTest {

    private static final ClientAddress HOME = ClientAddress.of("192.0.2.10");
    private static final ClientAddress ELSEWHERE = ClientAddress.of("203.0.113.66");

    private InMemoryChat chat = new InMemoryChat();
    private final User alice = chat.register("alice");

    private static SessionTokens logIn(InMemoryChat chat, User user, Optional<UserAgent> agent) {
        var result = chat.app.logIn().logIn(new LogIn.Command(user.username().value(), PasswordAttempt.of("password123"),
                HOME, agent));
        return ((LogIn.LoggedIn) result).tokens();
    }

    private SessionTokens logIn(User user) {
        return logIn(chat, user, Optional.empty());
    }

    private RefreshSession.Result refresh(String token) {
        return refresh(token, HOME);
    }

    private RefreshSession.Result refresh(String token, ClientAddress from) {
        return chat.app.refreshSession().refresh(new RefreshSession.Command(token, from));
    }

    private SessionTokens refreshed(SessionTokens tokens) {
        var result = refresh(tokens.refresh().value());
        assertThat(result).isInstanceOf(RefreshSession.Refreshed.class);
        return ((RefreshSession.Refreshed) result).tokens();
    }

    private boolean authenticates(SessionTokens tokens) {
        return chat.app.authenticate().authenticate(tokens.access().value()).isPresent();
    }

    private List<SessionId> sessionsOf(User user, SessionId current) {
        var listed = (ManageSessions.Listed) chat.app.manageSessions().list(user.id(), current);
        return listed.sessions().stream().map(view -> view.session().id()).toList();
    }

    private void useCache(boolean cached) {
        if (cached) {
            chat = new InMemoryChat(true);
        }
    }

    @Test
    @DisplayName("a login opens a session: an access token for it and a refresh token naming the user and the session")
    void login_opens_a_session() {
        SessionTokens tokens = logIn(chat, alice, UserAgent.fromHeader("Firefox on a laptop"));

        assertThat(tokens.refresh().user()).isEqualTo(alice.id());
        assertThat(tokens.refresh().session()).isEqualTo(tokens.session());
        assertThat(RefreshToken.parse(tokens.refresh().value())).contains(tokens.refresh());
        assertThat(chat.app.authenticate().authenticate(tokens.access().value())).hasValueSatisfying(grant -> {
            assertThat(grant.user()).isEqualTo(alice.id());
            assertThat(grant.session()).isEqualTo(tokens.session());
        });
        var listed = (ManageSessions.Listed) chat.app.manageSessions().list(alice.id(), tokens.session());
        assertThat(listed.sessions()).singleElement().satisfies(view -> {
            assertThat(view.current()).isTrue();
            assertThat(view.session().userAgent()).contains(new UserAgent("Firefox on a laptop"));
            assertThat(view.session().createdAt()).isEqualTo(chat.clock.instant());
        });
        assertThat(tokens.toString()).doesNotContain(tokens.refresh().secret());
    }

    @Test
    @DisplayName("a refresh rotates: a new pair for the same session; the spent token is refused")
    void refresh_rotates() {
        SessionTokens first = logIn(alice);
        chat.clock.advance(Duration.ofMinutes(10));

        SessionTokens second = refreshed(first);

        assertThat(second.session()).isEqualTo(first.session());
        assertThat(second.refresh()).isNotEqualTo(first.refresh());
        assertThat(second.access().issuedAt()).isEqualTo(chat.clock.instant());
        assertThat(authenticates(second)).isTrue();
        assertThat(refresh(first.refresh().value())).isEqualTo(new RefreshSession.Refused(Why.DUPLICATE));
        SessionTokens third = refreshed(second);
        assertThat(authenticates(third)).isTrue();
        var listed = (ManageSessions.Listed) chat.app.manageSessions().list(alice.id(), third.session());
        assertThat(listed.sessions()).singleElement()
                .satisfies(view -> assertThat(view.session().lastUsedAt()).isEqualTo(chat.clock.instant()));
    }

    @ParameterizedTest(name = "cached: {0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("a spent token presented after the grace is a theft: the whole session ends, the thief's new tokens too")
    void reuse_ends_the_session(boolean cached) {
        useCache(cached);
        User bob = chat.register("bob");
        SessionTokens owners = logIn(bob);
        SessionTokens other = logIn(bob);
        assertThat(authenticates(owners)).as("cached now, if there is a cache").isTrue();
        // the thief copied the refresh token and uses it first
        SessionTokens thiefs = refreshed(owners);
        assertThat(authenticates(thiefs)).isTrue();
        chat.clock.advance(SessionPolicy.DEFAULT.reuseGrace());

        var ownersTry = refresh(owners.refresh().value());

        assertThat(ownersTry).isEqualTo(new RefreshSession.Refused(Why.REUSED));
        assertThat(refresh(thiefs.refresh().value())).isEqualTo(new RefreshSession.Refused(Why.UNKNOWN));
        assertThat(authenticates(thiefs)).isFalse();
        assertThat(authenticates(owners)).isFalse();
        assertThat(authenticates(other)).as("another session of the user").isTrue();
        assertThat(chat.events.eventsOf(SessionsEnded.class)).containsExactly(new SessionsEnded(bob.id(), Set.of(owners.session())));
    }

    @Test
    @DisplayName("a spent token presented again within the grace is a duplicate: refused, and the session stands")
    void duplicate_within_the_grace() {
        SessionTokens first = logIn(alice);
        SessionTokens second = refreshed(first);
        chat.clock.advance(SessionPolicy.DEFAULT.reuseGrace().minusMillis(1));

        assertThat(refresh(first.refresh().value())).isEqualTo(new RefreshSession.Refused(Why.DUPLICATE));
        assertThat(authenticates(second)).isTrue();
        assertThat(authenticates(refreshed(second))).isTrue();
        assertThat(chat.events.eventsOf(SessionsEnded.class)).isEmpty();
    }

    @Test
    @DisplayName("of many concurrent refreshes with one token, exactly one gets tokens; the others are duplicates")
    void concurrent_refreshes() throws Exception {
        int threads = 6;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 40; round++) {
                SessionTokens tokens = logIn(alice);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<RefreshSession.Result>> results = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    results.add(pool.submit(() -> {
                        start.await();
                        return refresh(tokens.refresh().value());
                    }));
                }
                start.countDown();
                List<RefreshSession.Result> answers = new ArrayList<>();
                for (Future<RefreshSession.Result> result : results) {
                    answers.add(result.get(10, TimeUnit.SECONDS));
                }
                assertThat(answers).filteredOn(RefreshSession.Refreshed.class::isInstance).as("round " + round).hasSize(1);
                assertThat(answers).filteredOn(answer -> !(answer instanceof RefreshSession.Refreshed))
                        .containsOnly(new RefreshSession.Refused(Why.DUPLICATE));
                var winner = (RefreshSession.Refreshed) answers.stream()
                        .filter(RefreshSession.Refreshed.class::isInstance).findFirst().orElseThrow();
                assertThat(authenticates(winner.tokens())).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("a refresh token unused for its lifetime has expired: refused, and its session is gone")
    void expiry() {
        SessionTokens tokens = logIn(alice);
        SessionTokens keeper = logIn(alice);
        chat.clock.advance(SessionPolicy.DEFAULT.refreshTokenTtl().minusMillis(1));
        SessionTokens kept = refreshed(keeper);
        chat.clock.advance(Duration.ofMillis(1));

        assertThat(refresh(tokens.refresh().value())).isEqualTo(new RefreshSession.Refused(Why.EXPIRED));

        assertThat(sessionsOf(alice, kept.session())).containsExactly(kept.session());
        assertThat(chat.adapters.sessions().isActive(alice.id(), tokens.session())).isFalse();
        assertThat(refresh(tokens.refresh().value())).isEqualTo(new RefreshSession.Refused(Why.UNKNOWN));
        assertThat(chat.events.eventsOf(SessionsEnded.class)).containsExactly(new SessionsEnded(alice.id(), Set.of(tokens.session())));
    }

    @Test
    @DisplayName("what is no refresh token is malformed; a well-formed one that matches no session's token is unknown")
    void malformed_and_forged() {
        SessionTokens tokens = logIn(alice);
        RefreshToken genuine = tokens.refresh();
        String secret = genuine.secret();
        String otherSecret = (secret.charAt(0) == 'A' ? "B" : "A") + secret.substring(1);

        for (String garbage : new String[] {"", "garbage", "rt1.1.1.short", genuine.value() + "x", "Bearer " + genuine.value()}) {
            assertThat(refresh(garbage)).as(garbage).isEqualTo(new RefreshSession.Refused(Why.MALFORMED));
        }
        assertThat(refresh(new RefreshToken(alice.id(), genuine.session(), otherSecret).value()))
                .as("forged secret").isEqualTo(new RefreshSession.Refused(Why.UNKNOWN));
        assertThat(refresh(new RefreshToken(alice.id(), SessionId.of(999_999), secret).value()))
                .as("no such session").isEqualTo(new RefreshSession.Refused(Why.UNKNOWN));
        User bob = chat.register("bob");
        assertThat(refresh(new RefreshToken(bob.id(), genuine.session(), secret).value()))
                .as("someone else's id on the session").isEqualTo(new RefreshSession.Refused(Why.UNKNOWN));
        assertThat(authenticates(refreshed(tokens))).as("the genuine token still works").isTrue();
    }

    @ParameterizedTest(name = "cached: {0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("logging out ends the session: its access token is refused at once, its refresh token finds nothing")
    void logout(boolean cached) {
        useCache(cached);
        User bob = chat.register("bob");
        SessionTokens leaving = logIn(bob);
        SessionTokens staying = logIn(bob);
        assertThat(authenticates(leaving)).isTrue();

        chat.app.manageSessions().logOut(bob.id(), leaving.session());

        assertThat(authenticates(leaving)).isFalse();
        assertThat(authenticates(staying)).isTrue();
        assertThat(refresh(leaving.refresh().value())).isEqualTo(new RefreshSession.Refused(Why.UNKNOWN));
        chat.app.manageSessions().logOut(bob.id(), leaving.session());
        assertThat(chat.events.eventsOf(SessionsEnded.class)).as("the second logout ended nothing")
                .containsExactly(new SessionsEnded(bob.id(), Set.of(leaving.session())));
    }

    @Test
    @DisplayName("ending the others keeps the current session; ending one by id ends only that one")
    void end_others_and_one() {
        SessionTokens current = logIn(alice);
        SessionTokens phone = logIn(alice);
        SessionTokens tablet = logIn(alice);
        SessionTokens laptop = logIn(alice);

        assertThat(chat.app.manageSessions().end(alice.id(), current.session(), phone.session()))
                .isEqualTo(new ManageSessions.Ended(1));
        assertThat(authenticates(phone)).isFalse();
        assertThat(chat.app.manageSessions().end(alice.id(), current.session(), phone.session()))
                .isEqualTo(new ManageSessions.NoSuchSession());
        assertThat(chat.app.manageSessions().endOthers(alice.id(), current.session()))
                .isEqualTo(new ManageSessions.Ended(2));

        assertThat(authenticates(current)).isTrue();
        assertThat(authenticates(tablet)).isFalse();
        assertThat(authenticates(laptop)).isFalse();
        assertThat(sessionsOf(alice, current.session())).containsExactly(current.session());
        assertThat(chat.app.manageSessions().endOthers(alice.id(), current.session())).isEqualTo(new ManageSessions.Ended(0));
    }

    @Test
    @DisplayName("another user's session cannot be ended, nor is it revealed")
    void another_users_session() {
        User bob = chat.register("bob");
        SessionTokens alices = logIn(alice);
        SessionTokens bobs = logIn(bob);

        assertThat(chat.app.manageSessions().end(alice.id(), alices.session(), bobs.session()))
                .isEqualTo(new ManageSessions.NoSuchSession());
        assertThat(chat.app.manageSessions().end(alice.id(), alices.session(), SessionId.of(999_999)))
                .isEqualTo(new ManageSessions.NoSuchSession());
        chat.app.manageSessions().logOut(alice.id(), bobs.session());

        assertThat(authenticates(bobs)).isTrue();
        assertThat(sessionsOf(alice, alices.session())).containsExactly(alices.session());
    }

    @Test
    @DisplayName("a password change ends every other session of the user, and keeps the one that made it")
    void password_change() {
        User bob = chat.register("bob");
        SessionTokens current = logIn(alice);
        SessionTokens other = logIn(alice);
        SessionTokens bobs = logIn(bob);

        var result = chat.app.updateProfile().update(new UpdateProfile.Command(alice.id(), Optional.of(current.session()),
                ProfileUpdate.NONE, Optional.of(new UpdateProfile.PasswordChange(PasswordAttempt.of("password123"),
                        Password.of("a-new-password-1")))));

        assertThat(result).isInstanceOf(UpdateProfile.Updated.class);
        assertThat(authenticates(current)).isTrue();
        assertThat(authenticates(other)).isFalse();
        assertThat(refresh(other.refresh().value())).isEqualTo(new RefreshSession.Refused(Why.UNKNOWN));
        assertThat(authenticates(bobs)).isTrue();
        // a wrong current password changes nothing, and ends nothing
        var wrong = chat.app.updateProfile().update(new UpdateProfile.Command(alice.id(), Optional.of(current.session()),
                ProfileUpdate.NONE, Optional.of(new UpdateProfile.PasswordChange(PasswordAttempt.of("password123"),
                        Password.of("another-password-2")))));
        assertThat(wrong).isInstanceOf(UpdateProfile.WrongCurrentPassword.class);
        assertThat(authenticates(current)).isTrue();
    }

    @Test
    @DisplayName("a password change outside any session ends all of them")
    void password_change_without_a_session() {
        SessionTokens one = logIn(alice);

        chat.app.updateProfile().update(new UpdateProfile.Command(alice.id(), ProfileUpdate.NONE,
                Optional.of(new UpdateProfile.PasswordChange(PasswordAttempt.of("password123"), Password.of("a-new-password-1")))));

        assertThat(authenticates(one)).isFalse();
    }

    @Test
    @DisplayName("refreshes are limited per address, malformed ones included; other addresses are not held back")
    void refreshes_are_rate_limited() {
        chat = new InMemoryChat(false, RateLimits.none().with(new RateLimit(LimitedAction.TOKEN_REFRESHES_PER_ADDRESS,
                List.of(Bandwidth.of(2, Duration.ofMinutes(1))))));
        User bob = chat.register("bob");
        SessionTokens tokens = logIn(bob);

        assertThat(refresh("garbage")).isEqualTo(new RefreshSession.Refused(Why.MALFORMED));
        SessionTokens next = refreshed(tokens);
        var throttled = refresh(next.refresh().value());

        assertThat(throttled).isInstanceOf(Throttled.class);
        assertThat(((Throttled) throttled).action()).isEqualTo(LimitedAction.TOKEN_REFRESHES_PER_ADDRESS);
        assertThat(refresh(next.refresh().value(), ELSEWHERE)).as("the throttled attempt spent nothing")
                .isInstanceOf(RefreshSession.Refreshed.class);
        chat.clock.advance(Duration.ofMinutes(1));
        assertThat(refresh("garbage")).isEqualTo(new RefreshSession.Refused(Why.MALFORMED));
    }

    @Test
    @DisplayName("listing and ending sessions are limited per user")
    void session_requests_are_rate_limited() {
        chat = new InMemoryChat(false, RateLimits.none().with(new RateLimit(LimitedAction.SESSION_REQUESTS_PER_USER,
                List.of(Bandwidth.of(2, Duration.ofMinutes(1))))));
        User bob = chat.register("bob");
        SessionTokens tokens = logIn(bob);

        assertThat(chat.app.manageSessions().list(bob.id(), tokens.session())).isInstanceOf(ManageSessions.Listed.class);
        assertThat(chat.app.manageSessions().endOthers(bob.id(), tokens.session())).isInstanceOf(ManageSessions.Ended.class);
        assertThat(chat.app.manageSessions().end(bob.id(), tokens.session(), tokens.session())).isInstanceOf(Throttled.class);
        assertThat(chat.app.manageSessions().list(bob.id(), tokens.session())).isInstanceOf(Throttled.class);
        assertThat(authenticates(tokens)).isTrue();
    }
}
