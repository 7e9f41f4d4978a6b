package io.chatplatform.adapter.postgres;

import static io.chatplatform.adapter.postgres.Fixtures.T0;
import static io.chatplatform.adapter.postgres.Fixtures.newUser;
import static io.chatplatform.adapter.postgres.Fixtures.register;
import static io.chatplatform.adapter.postgres.Fixtures.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatplatform.application.port.out.CreateUser;
import io.chatplatform.application.port.out.FindUsers.DirectoryEntry;
import io.chatplatform.domain.user.AvatarUrl;
import io.chatplatform.domain.user.FieldUpdate;
import io.chatplatform.domain.user.PasswordHash;
import io.chatplatform.domain.user.Profile;
import io.chatplatform.domain.user.ProfileUpdate;
import io.chatplatform.domain.user.SearchTerm;
import io.chatplatform.domain.user.TimeZoneName;
import io.chatplatform.domain.user.User;
import io.chatplatform.domain.user.UserId;
import io.chatplatform.domain.user.Username;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("PostgresUserStore")
class PostgresUserStoreTest {

    @RegisterExtension
    static final FreshSchema db = new FreshSchema();

    private final PostgresUserStore users = db.users();

    private static ProfileUpdate update(FieldUpdate<io.chatplatform.domain.user.DisplayName> displayName, FieldUpdate<AvatarUrl> avatarUrl,
                                        FieldUpdate<TimeZoneName> timezone) {
        return new ProfileUpdate(displayName, avatarUrl, timezone);
    }

    private static io.chatplatform.domain.user.DisplayName displayName(String value) {
        return io.chatplatform.domain.user.DisplayName.of(value);
    }

    private static User named(PostgresUserStore users, String username, String displayName) {
        User user = ((CreateUser.Created) users.create(newUser(username, username + "@example.com"))).user();
        if (displayName == null) {
            return user;
        }
        return users.updateProfile(user.id(), update(FieldUpdate.set(displayName(displayName)), FieldUpdate.keep(),
                FieldUpdate.keep())).orElseThrow();
    }

    private static List<String> usernames(List<DirectoryEntry> entries) {
        return entries.stream().map(entry -> entry.username().value()).toList();
    }

    @Nested
    @DisplayName("registration")
    class Registration {

        @Test
        @DisplayName("stores the user as given, with an empty profile and last seen at creation")
        void stores_the_user() {
            String name = uniqueName("Reg");
            var outcome = users.create(newUser(name, name + "@Example.com"));

            assertThat(outcome).isInstanceOf(CreateUser.Created.class);
            User created = ((CreateUser.Created) outcome).user();
            assertThat(created.username().value()).isEqualTo(name);
            assertThat(created.email().value()).isEqualTo(name + "@Example.com");
            assertThat(created.passwordHash()).isEqualTo(new PasswordHash("$2a$10$hash-of-" + name));
            assertThat(created.profile()).isEqualTo(Profile.EMPTY);
            assertThat(created.createdAt()).isEqualTo(T0);
            assertThat(created.lastSeen()).isEqualTo(T0);
            assertThat(users.byId(created.id())).contains(created);
        }

        @Test
        @DisplayName("gives every user a different id")
        void distinct_ids() {
            User first = register(users, "ids");
            User second = register(users, "ids");

            assertThat(first.id()).isNotEqualTo(second.id());
        }

        @Test
        @DisplayName("refuses a username that differs only in case, leaving no row of the refused account behind")
        void username_taken_ignoring_case() {
            String name = uniqueName("casey");
            register(users, "filler");
            users.create(newUser(name, name + "@example.com"));

            var outcome = users.create(newUser(name.toUpperCase(), "other-" + name + "@example.com"));

            assertThat(outcome).isInstanceOf(CreateUser.Taken.class);
            assertThat(db.count("SELECT count(*) FROM emails WHERE email_canonical = ?", "other-" + name.toLowerCase() + "@example.com"))
                    .isZero();
            assertThat(db.count("SELECT count(*) FROM users WHERE lower(username) = ?", name.toLowerCase())).isOne();
        }

        @Test
        @DisplayName("refuses an email that differs only in case, and the username claimed before the email is rolled back")
        void email_taken_ignoring_case() {
            String name = uniqueName("emily");
            users.create(newUser(name, name + "@example.com"));
            String newcomer = uniqueName("newcomer");

            var outcome = users.create(newUser(newcomer, name.toUpperCase() + "@EXAMPLE.COM"));

            assertThat(outcome).isInstanceOf(CreateUser.Taken.class);
            assertThat(db.count("SELECT count(*) FROM usernames WHERE username_canonical = ?", newcomer.toLowerCase())).isZero();
            assertThat(db.count("SELECT count(*) FROM users WHERE username = ?", newcomer)).isZero();
            assertThat(users.byUsername(Username.of(newcomer))).isEmpty();
        }

        @Test
        @DisplayName("lets the name of a refused registration be registered afterwards")
        void refused_name_is_free_again() {
            String taken = uniqueName("owner");
            users.create(newUser(taken, taken + "@example.com"));
            String name = uniqueName("retry");
            users.create(newUser(name, taken + "@example.com"));

            var outcome = users.create(newUser(name, name + "@example.com"));

            assertThat(outcome).isInstanceOf(CreateUser.Created.class);
        }
    }

    @Nested
    @DisplayName("loading")
    class Loading {

        @Test
        @DisplayName("finds a user by username ignoring case, with the case they registered")
        void by_username_ignoring_case() {
            String name = uniqueName("MixedCase");
            User created = register(users, "x");
            User mixed = ((CreateUser.Created) users.create(newUser(name, name + "@example.com"))).user();

            assertThat(users.byUsername(Username.of(name.toLowerCase()))).contains(mixed);
            assertThat(users.byUsername(Username.of(name.toUpperCase())).map(user -> user.username().value())).contains(name);
            assertThat(users.byUsername(created.username())).contains(created);
        }

        @Test
        @DisplayName("finds nobody for an unknown username or id")
        void unknown() {
            assertThat(users.byUsername(Username.of("nobody_here"))).isEmpty();
            assertThat(users.byId(UserId.of(9_000_000_000L))).isEmpty();
        }
    }

    @Nested
    @DisplayName("profile updates")
    class ProfileUpdates {

        @Test
        @DisplayName("set, keep and clear each field independently, atomically")
        void set_keep_clear() {
            User user = register(users, "profile");
            var all = update(FieldUpdate.set(displayName("O'Brien \"Bob\" 🚀")),
                    FieldUpdate.set(AvatarUrl.of("https://cdn.example.com/a.png?x=1&y=2")),
                    FieldUpdate.set(TimeZoneName.of("Europe/Berlin")));

            User filled = users.updateProfile(user.id(), all).orElseThrow();

            assertThat(filled.profile()).isEqualTo(new Profile(Optional.of(displayName("O'Brien \"Bob\" 🚀")),
                    Optional.of(AvatarUrl.of("https://cdn.example.com/a.png?x=1&y=2")), Optional.of(TimeZoneName.of("Europe/Berlin"))));

            User changed = users.updateProfile(user.id(), update(FieldUpdate.keep(), FieldUpdate.clear(),
                    FieldUpdate.set(TimeZoneName.of("UTC")))).orElseThrow();

            assertThat(changed.profile()).isEqualTo(new Profile(Optional.of(displayName("O'Brien \"Bob\" 🚀")),
                    Optional.empty(), Optional.of(TimeZoneName.of("UTC"))));
            assertThat(users.byId(user.id())).contains(changed);
            assertThat(changed.username()).isEqualTo(user.username());
            assertThat(changed.passwordHash()).isEqualTo(user.passwordHash());
            assertThat(changed.lastSeen()).isEqualTo(user.lastSeen());
        }

        @Test
        @DisplayName("clearing every field gives the empty profile back")
        void clear_all() {
            User user = register(users, "clearing");
            users.updateProfile(user.id(), update(FieldUpdate.set(displayName("Someone")),
                    FieldUpdate.set(AvatarUrl.of("http://example.com/me.jpg")), FieldUpdate.set(TimeZoneName.of("Asia/Tokyo"))));

            User cleared = users.updateProfile(user.id(), update(FieldUpdate.clear(), FieldUpdate.clear(), FieldUpdate.clear()))
                    .orElseThrow();

            assertThat(cleared.profile()).isEqualTo(Profile.EMPTY);
        }

        @Test
        @DisplayName("of an unknown user change nothing and say so")
        void unknown_user() {
            assertThat(users.updateProfile(UserId.of(9_000_000_001L), update(FieldUpdate.set(displayName("Ghost")),
                    FieldUpdate.keep(), FieldUpdate.keep()))).isEmpty();
        }
    }

    @Nested
    @DisplayName("password hash replacement")
    class PasswordReplacement {

        @Test
        @DisplayName("succeeds when the stored hash is the expected one")
        void matching() {
            User user = register(users, "pw");

            boolean replaced = users.replacePasswordHash(user.id(), user.passwordHash(), new PasswordHash("$2a$10$new"));

            assertThat(replaced).isTrue();
            assertThat(users.byId(user.id()).orElseThrow().passwordHash()).isEqualTo(new PasswordHash("$2a$10$new"));
        }

        @Test
        @DisplayName("fails and changes nothing when another change got there first")
        void stale() {
            User user = register(users, "pw");
            users.replacePasswordHash(user.id(), user.passwordHash(), new PasswordHash("$2a$10$first"));

            boolean replaced = users.replacePasswordHash(user.id(), user.passwordHash(), new PasswordHash("$2a$10$second"));

            assertThat(replaced).isFalse();
            assertThat(users.byId(user.id()).orElseThrow().passwordHash()).isEqualTo(new PasswordHash("$2a$10$first"));
        }

        @Test
        @DisplayName("fails for an unknown user")
        void unknown_user() {
            assertThat(users.replacePasswordHash(UserId.of(9_000_000_002L), new PasswordHash("a"), new PasswordHash("b")))
                    .isFalse();
        }
    }

    @Nested
    @DisplayName("last seen")
    class LastSeen {

        @Test
        @DisplayName("moves forward and never back")
        void forward_only() {
            User user = register(users, "seen");
            Instant later = T0.plus(Duration.ofMinutes(5));

            users.recordLastSeen(user.id(), later);
            users.recordLastSeen(user.id(), T0.plus(Duration.ofMinutes(1)));
            users.recordLastSeen(user.id(), later);

            assertThat(users.byId(user.id()).orElseThrow().lastSeen()).isEqualTo(later);
        }

        @Test
        @DisplayName("keeps millisecond precision")
        void precision() {
            User user = register(users, "millis");
            Instant at = Instant.parse("2026-11-28T08:15:30.123Z");

            users.recordLastSeen(user.id(), at);

            assertThat(users.byId(user.id()).orElseThrow().lastSeen()).isEqualTo(at);
        }
    }

    @Nested
    @DisplayName("search")
    class Search {

        @Test
        @DisplayName("matches username or display name ignoring case; exact username first, then prefixes, then by username")
        void ordering() {
            User searcher = register(users, "searcher");
            named(users, "Zed", null);
            named(users, "zedekiah", null);
            named(users, "Zedd", null);
            named(users, "amazed", null);
            named(users, "Bob", "ZeD's friend");
            named(users, "unrelated", "Nobody");

            var found = users.search(new SearchTerm("zED"), searcher.id(), 20);

            assertThat(usernames(found)).containsExactly("Zed", "Zedd", "zedekiah", "Bob", "amazed");
            assertThat(found.get(3).displayName()).contains(displayName("ZeD's friend"));
            assertThat(found.get(0).lastSeen()).isEqualTo(T0);
        }

        @Test
        @DisplayName("is bounded by the limit and leaves out the searcher")
        void limit_and_exclusion() {
            User searcher = named(users, "quokka", null);
            named(users, "quokka1", null);
            named(users, "quokka2", null);
            named(users, "quokka3", null);

            assertThat(usernames(users.search(new SearchTerm("quokka"), searcher.id(), 2))).containsExactly("quokka1", "quokka2");
            assertThat(usernames(users.search(new SearchTerm("quokka"), searcher.id(), 10)))
                    .containsExactly("quokka1", "quokka2", "quokka3");
        }

        @Test
        @DisplayName("treats %, _, ! and \\ in the term as themselves, not as patterns")
        void escaping() {
            User searcher = register(users, "escaper");
            named(users, "pct", "50% off");
            named(users, "nopct", "50 off");
            named(users, "under", "Mr q_z Jones");
            named(users, "aqazb", null);
            named(users, "backslash", "a\\b");
            named(users, "nobackslash", "a b ab");
            named(users, "bang", "a!b");

            assertThat(usernames(users.search(new SearchTerm("%"), searcher.id(), 10))).containsExactly("pct");
            assertThat(usernames(users.search(new SearchTerm("50%"), searcher.id(), 10))).containsExactly("pct");
            assertThat(usernames(users.search(new SearchTerm("q_z"), searcher.id(), 10))).containsExactly("under");
            assertThat(usernames(users.search(new SearchTerm("a\\b"), searcher.id(), 10))).containsExactly("backslash");
            assertThat(usernames(users.search(new SearchTerm("a!b"), searcher.id(), 10))).containsExactly("bang");
        }

        @Test
        @DisplayName("finds nothing when nothing matches")
        void nothing() {
            User searcher = register(users, "lonely");

            assertThat(users.search(new SearchTerm("no such person anywhere"), searcher.id(), 10)).isEmpty();
        }
    }

    @Nested
    @DisplayName("by ids")
    class ByIds {

        @Test
        @DisplayName("finds the users that exist among the ids, each once")
        void existing_ones() {
            User first = register(users, "first");
            User second = register(users, "second");
            var found = users.byIds(List.of(first.id(), second.id(), first.id(), UserId.of(9_000_000_000L)));
            assertThat(found).extracting(DirectoryEntry::id).containsExactlyInAnyOrder(first.id(), second.id());
            assertThat(found).filteredOn(entry -> entry.id().equals(first.id()))
                    .extracting(DirectoryEntry::username).containsExactly(first.username());
            assertThat(users.byIds(List.of())).isEmpty();
        }
    }
}
