package io.chatplatform.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatplatform.application.fixtures.InMemoryChat;
import io.chatplatform.application.port.in.LogIn;
import io.chatplatform.application.port.in.RegisterUser;
import io.chatplatform.application.port.in.UpdateProfile;
import io.chatplatform.application.port.out.AccessTokens;
import io.chatplatform.application.port.out.LoadUser;
import io.chatplatform.domain.event.ProfileChanged;
import io.chatplatform.domain.event.UserRegistered;
import io.chatplatform.domain.session.SessionPolicy;
import io.chatplatform.domain.user.Account;
import io.chatplatform.domain.user.AvatarUrl;
import io.chatplatform.domain.user.DisplayName;
import io.chatplatform.domain.user.Email;
import io.chatplatform.domain.user.FieldUpdate;
import io.chatplatform.domain.user.Password;
import io.chatplatform.domain.user.PasswordAttempt;
import io.chatplatform.domain.user.PasswordHash;
import io.chatplatform.domain.user.Profile;
import io.chatplatform.domain.user.ProfileUpdate;
import io.chatplatform.domain.user.TimeZoneName;
import io.chatplatform.domain.user.User;
import io.chatplatform.domain.user.UserId;
import io.chatplatform.domain.user.Username;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AccountServiceTest {

    private final InMemoryChat chat = new InMemoryChat();

    private RegisterUser.Result register(String username, String email) {
        return chat.app.registerUser().register(new RegisterUser.Command(Username.of(username), Email.of(email),
                Password.of("password123")));
    }

    private LogIn.Result logIn(String username, String password) {
        return chat.app.logIn().logIn(new LogIn.Command(username, PasswordAttempt.of(password)));
    }

    @Nested
    @org.junit.jupiter.api.DisplayName("registration")
    class Registration {
        @Test
        void creates_an_account_with_an_empty_profile_and_a_hashed_password() {
            var result = register("Alice", "alice@example.com");
            assertThat(result).isInstanceOf(RegisterUser.Registered.class);
            Account account = ((RegisterUser.Registered) result).account();
            User alice = chat.users.byId(account.id()).orElseThrow();
            assertThat(alice.account()).isEqualTo(account);
            assertThat(alice.username().value()).isEqualTo("Alice");
            assertThat(alice.profile()).isEqualTo(Profile.EMPTY);
            assertThat(alice.passwordHash().value()).doesNotContain("password123");
            assertThat(alice.createdAt()).isEqualTo(chat.clock.instant());
            assertThat(chat.events.eventsOf(UserRegistered.class)).containsExactly(new UserRegistered(alice.id(), alice.username()));
        }

        @Test
        void refuses_a_username_or_email_taken_in_any_case() {
            register("Alice", "alice@example.com");
            assertThat(register("alice", "other@example.com")).isInstanceOf(RegisterUser.AlreadyRegistered.class);
            assertThat(register("bob", "ALICE@example.com")).isInstanceOf(RegisterUser.AlreadyRegistered.class);
            assertThat(chat.users.all()).hasSize(1);
            assertThat(chat.events.eventsOf(UserRegistered.class)).hasSize(1);
        }
    }

    @Nested
    @org.junit.jupiter.api.DisplayName("login")
    class Login {
        @Test
        void with_the_right_password_gives_a_token_that_proves_who_you_are() {
            Account alice = ((RegisterUser.Registered) register("alice", "alice@example.com")).account();
            var result = logIn("alice", "password123");
            assertThat(result).isInstanceOf(LogIn.LoggedIn.class);
            var loggedIn = (LogIn.LoggedIn) result;
            assertThat(loggedIn.userId()).isEqualTo(alice.id());
            assertThat(chat.app.authenticate().authenticate(loggedIn.token().value())).map(AccessTokens.Grant::user).contains(alice.id());
        }

        @Test
        void compares_the_username_case_sensitively() {
            register("Alice", "alice@example.com");
            assertThat(logIn("alice", "password123")).isInstanceOf(LogIn.InvalidCredentials.class);
            assertThat(logIn("Alice", "password123")).isInstanceOf(LogIn.LoggedIn.class);
        }

        @Test
        void does_not_tell_an_unknown_user_from_a_wrong_password_not_even_by_the_work_it_does() {
            register("alice", "alice@example.com");
            int before = chat.hasher.checks();
            assertThat(logIn("alice", "wrong-password")).isInstanceOf(LogIn.InvalidCredentials.class);
            assertThat(logIn("nobody", "password123")).isInstanceOf(LogIn.InvalidCredentials.class);
            assertThat(logIn("not a valid name!", "password123")).isInstanceOf(LogIn.InvalidCredentials.class);
            assertThat(chat.hasher.checks() - before).isEqualTo(3);
        }
    }

    @Nested
    @org.junit.jupiter.api.DisplayName("authentication")
    class Authentication {
        @Test
        void rejects_missing_unknown_and_expired_tokens() {
            User alice = chat.register("alice");
            String token = chat.tokenFor(alice);
            assertThat(chat.app.authenticate().authenticate(null)).isEmpty();
            assertThat(chat.app.authenticate().authenticate(" ")).isEmpty();
            assertThat(chat.app.authenticate().authenticate("forged")).isEmpty();
            assertThat(chat.app.authenticate().authenticate(token)).map(AccessTokens.Grant::user).contains(alice.id());
            chat.clock.advance(Duration.ofMinutes(61));
            assertThat(chat.app.authenticate().authenticate(token)).isEmpty();
        }
    }

    @Nested
    @org.junit.jupiter.api.DisplayName("profile")
    class Profiles {
        @Test
        void the_owner_sees_their_own_account() {
            User alice = chat.register("alice");
            assertThat(chat.app.viewOwnProfile().ownProfile(alice.id())).contains(alice.account());
            assertThat(chat.app.viewOwnProfile().ownProfile(UserId.of(999))).isEmpty();
        }

        @Test
        void an_update_sets_and_clears_fields_and_is_announced() {
            User alice = chat.register("alice");
            var set = chat.app.updateProfile().update(new UpdateProfile.Command(alice.id(), new ProfileUpdate(
                    FieldUpdate.set(DisplayName.of("Alice A.")), FieldUpdate.set(AvatarUrl.of("https://example.com/a.png")),
                    FieldUpdate.set(TimeZoneName.of("Europe/Berlin"))), Optional.empty()));
            Account updated = ((UpdateProfile.Updated) set).account();
            assertThat(updated.profile().displayName()).contains(DisplayName.of("Alice A."));
            assertThat(updated.profile().timezone()).contains(TimeZoneName.of("Europe/Berlin"));

            var cleared = chat.app.updateProfile().update(new UpdateProfile.Command(alice.id(), new ProfileUpdate(
                    FieldUpdate.keep(), FieldUpdate.clear(), FieldUpdate.keep()), Optional.empty()));
            Account after = ((UpdateProfile.Updated) cleared).account();
            assertThat(after.profile().displayName()).contains(DisplayName.of("Alice A."));
            assertThat(after.profile().avatarUrl()).isEmpty();
            assertThat(chat.events.eventsOf(ProfileChanged.class)).hasSize(2);
        }

        @Test
        void an_empty_update_changes_nothing_and_announces_nothing() {
            User alice = chat.register("alice");
            var result = chat.app.updateProfile().update(new UpdateProfile.Command(alice.id(), ProfileUpdate.NONE, Optional.empty()));
            assertThat(((UpdateProfile.Updated) result).account()).isEqualTo(alice.account());
            assertThat(chat.events.eventsOf(ProfileChanged.class)).isEmpty();
        }

        @Test
        void a_password_change_needs_the_current_password() {
            User alice = chat.register("alice");
            var wrong = chat.app.updateProfile().update(new UpdateProfile.Command(alice.id(),
                    new ProfileUpdate(FieldUpdate.set(DisplayName.of("Mallory")), FieldUpdate.keep(), FieldUpdate.keep()),
                    Optional.of(new UpdateProfile.PasswordChange(PasswordAttempt.of("guess"), Password.of("new-password-1")))));
            assertThat(wrong).isInstanceOf(UpdateProfile.WrongCurrentPassword.class);
            assertThat(chat.users.byId(alice.id()).orElseThrow()).isEqualTo(alice);

            var right = chat.app.updateProfile().update(new UpdateProfile.Command(alice.id(), ProfileUpdate.NONE,
                    Optional.of(new UpdateProfile.PasswordChange(PasswordAttempt.of("password123"), Password.of("new-password-1")))));
            assertThat(right).isInstanceOf(UpdateProfile.Updated.class);
            assertThat(logIn(alice.username().value(), "password123")).isInstanceOf(LogIn.InvalidCredentials.class);
            assertThat(logIn(alice.username().value(), "new-password-1")).isInstanceOf(LogIn.LoggedIn.class);
            assertThat(chat.events.eventsOf(ProfileChanged.class)).hasSize(1);
        }

        @Test
        void of_two_concurrent_password_changes_only_the_first_wins() {
            User alice = chat.register("alice");
            // the second change read the account before the first one replaced the hash
            LoadUser stale = new LoadUser() {
                @Override
                public Optional<User> byId(UserId id) {
                    return Optional.of(alice);
                }

                @Override
                public Optional<User> byUsername(Username username) {
                    return Optional.of(alice);
                }
            };
            chat.users.replacePasswordHash(alice.id(), alice.passwordHash(), new PasswordHash("fake$0$0$other"));
            var service = new AccountService(chat.users, stale, chat.users, chat.hasher, chat.tokens,
                    new SessionService(chat.adapters.sessions(), chat.tokens, SessionPolicy.DEFAULT, chat.events,
                            RateLimiting.NONE, io.chatplatform.application.port.out.ChatMetrics.NONE, chat.clock),
                    chat.events,
                    chat.app.recordActivity(), io.chatplatform.application.port.out.ChatMetrics.NONE, RateLimiting.NONE, chat.clock);
            var result = service.update(new UpdateProfile.Command(alice.id(), ProfileUpdate.NONE,
                    Optional.of(new UpdateProfile.PasswordChange(PasswordAttempt.of("password123"), Password.of("new-password-2")))));
            assertThat(result).isInstanceOf(UpdateProfile.WrongCurrentPassword.class);
        }

        @Test
        void an_update_of_a_vanished_account_says_so() {
            var result = chat.app.updateProfile().update(new UpdateProfile.Command(UserId.of(404), ProfileUpdate.NONE, Optional.empty()));
            assertThat(result).isInstanceOf(UpdateProfile.UnknownUser.class);
        }
    }
}
