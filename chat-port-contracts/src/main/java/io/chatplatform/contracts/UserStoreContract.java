package io.chatplatform.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatplatform.application.port.out.CreateUser.NewUser;
import io.chatplatform.application.port.out.CreateUser;
import io.chatplatform.application.port.out.FindUsers.DirectoryEntry;
import io.chatplatform.application.port.out.FindUsers;
import io.chatplatform.application.port.out.LoadUser;
import io.chatplatform.application.port.out.UpdateUser;
import io.chatplatform.domain.user.AvatarUrl;
import io.chatplatform.domain.user.DisplayName;
import io.chatplatform.domain.user.Email;
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
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * What every store behind the user ports ({@link CreateUser}, {@link LoadUser}, {@link UpdateUser},
 * {@link FindUsers}) must do, run against an implementation by extending this class:
 *
 * <pre>{@code
 * class MyUserStoreContractTest extends UserStoreContract {
 *     @Override
 *     protected UserPorts newStore() {
 *         return UserPorts.of(new MyUserStore(...));
 *     }
 * }
 * }</pre>
 *
 * <p>Each test names its users with a random tag of its own, so the store may hold other tests'
 * users (a shared database): nothing here assumes an empty store.
 */
public abstract class UserStoreContract {

    /** A store's four user ports; usually one object, but each may be its own. */
    public record UserPorts(CreateUser create, LoadUser load, UpdateUser update, FindUsers find) {
        /** Checks that no port is missing. */
        public UserPorts {
            Objects.requireNonNull(create, "create");
            Objects.requireNonNull(load, "load");
            Objects.requireNonNull(update, "update");
            Objects.requireNonNull(find, "find");
        }

        /** The four ports of one store. */
        public static <S extends CreateUser & LoadUser & UpdateUser & FindUsers> UserPorts of(S store) {
            return new UserPorts(store, store, store, store);
        }
    }

    /** The store under test; called once per test. */
    protected abstract UserPorts newStore();

    private static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");
    /** An id no store hands out in a test run. */
    private static final UserId UNKNOWN = UserId.of(9_000_000_000_000L);

    private final UserPorts store = newStore();
    /** Eight lowercase letters starting with q: names made from it sort the same in every collation. */
    private final String tag = "q" + ThreadLocalRandom.current().ints(7, 'a', 'z' + 1)
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append);

    /** Constructs the test, asking {@link #newStore()} for its store. */
    protected UserStoreContract() {
    }

    private NewUser newUser(String username, String email) {
        return new NewUser(Username.of(username), Email.of(email), new PasswordHash("hash-of-" + username), T0);
    }

    private User create(String suffix) {
        String name = tag + suffix;
        return ((CreateUser.Created) store.create().create(newUser(name, name + "@example.com"))).user();
    }

    private User named(String username, String displayName) {
        User user = ((CreateUser.Created) store.create().create(newUser(username, username + "@example.com"))).user();
        return store.update().updateProfile(user.id(), new ProfileUpdate(FieldUpdate.set(DisplayName.of(displayName)),
                FieldUpdate.keep(), FieldUpdate.keep())).orElseThrow();
    }

    private List<String> search(String term, UserId searcher, int limit) {
        return store.find().search(new SearchTerm(term), searcher, limit).stream().map(entry -> entry.username().value()).toList();
    }

    @Test
    @org.junit.jupiter.api.DisplayName("creating stores the user as given, with an id, an empty profile and last seen at creation")
    void creates() {
        String name = tag + "Reg";
        var outcome = store.create().create(newUser(name, name + "@Example.com"));

        assertThat(outcome).isInstanceOf(CreateUser.Created.class);
        User created = ((CreateUser.Created) outcome).user();
        assertThat(created.username().value()).isEqualTo(name);
        assertThat(created.email().value()).isEqualTo(name + "@Example.com");
        assertThat(created.passwordHash()).isEqualTo(new PasswordHash("hash-of-" + name));
        assertThat(created.profile()).isEqualTo(Profile.EMPTY);
        assertThat(created.createdAt()).isEqualTo(T0);
        assertThat(created.lastSeen()).isEqualTo(T0);
        assertThat(store.load().byId(created.id())).contains(created);
        assertThat(store.load().accountById(created.id())).contains(created.account());
        assertThat(create("other").id()).isNotEqualTo(created.id());
    }

    @Test
    @org.junit.jupiter.api.DisplayName("a username or an email that differs only in case is taken, and nothing of the refused user is stored")
    void unique_ignoring_case() {
        String name = tag + "casey";
        store.create().create(newUser(name, name + "@example.com"));

        var sameName = store.create().create(newUser(name.toUpperCase(), "other-" + name + "@example.com"));
        String newcomer = tag + "newcomer";
        var sameEmail = store.create().create(newUser(newcomer, name.toUpperCase() + "@EXAMPLE.COM"));

        assertThat(sameName).isInstanceOf(CreateUser.Taken.class);
        assertThat(sameEmail).isInstanceOf(CreateUser.Taken.class);
        assertThat(store.load().byUsername(Username.of(newcomer))).isEmpty();
        assertThat(store.create().create(newUser(newcomer, newcomer + "@example.com")))
                .as("the name of a refused registration is free").isInstanceOf(CreateUser.Created.class);
        assertThat(store.create().create(newUser(tag + "third", "other-" + name + "@example.com")))
                .as("the email of a refused registration is free").isInstanceOf(CreateUser.Created.class);
    }

    @Test
    @org.junit.jupiter.api.DisplayName("finds a user by username ignoring case, with the case they registered; nobody for unknown keys")
    void loads() {
        User mixed = create("MixedCase");

        assertThat(store.load().byUsername(Username.of(mixed.username().value().toLowerCase()))).contains(mixed);
        assertThat(store.load().byUsername(Username.of(mixed.username().value().toUpperCase()))).contains(mixed);
        assertThat(store.load().byUsername(Username.of(tag + "nobody"))).isEmpty();
        assertThat(store.load().byId(UNKNOWN)).isEmpty();
    }

    @Test
    @org.junit.jupiter.api.DisplayName("a profile update sets, keeps and clears each field on its own, and changes nothing else")
    void profile_updates() {
        User user = create("profile");
        User filled = store.update().updateProfile(user.id(), new ProfileUpdate(
                FieldUpdate.set(DisplayName.of("O'Brien \"Bob\" 🚀")), FieldUpdate.set(AvatarUrl.of("https://cdn.example.com/a.png?x=1&y=2")),
                FieldUpdate.set(TimeZoneName.of("Europe/Berlin")))).orElseThrow();

        assertThat(filled.profile()).isEqualTo(new Profile(Optional.of(DisplayName.of("O'Brien \"Bob\" 🚀")),
                Optional.of(AvatarUrl.of("https://cdn.example.com/a.png?x=1&y=2")), Optional.of(TimeZoneName.of("Europe/Berlin"))));

        User changed = store.update().updateProfile(user.id(), new ProfileUpdate(FieldUpdate.keep(), FieldUpdate.clear(),
                FieldUpdate.set(TimeZoneName.of("UTC")))).orElseThrow();

        assertThat(changed.profile()).isEqualTo(new Profile(Optional.of(DisplayName.of("O'Brien \"Bob\" 🚀")),
                Optional.empty(), Optional.of(TimeZoneName.of("UTC"))));
        assertThat(store.load().byId(user.id())).contains(changed);
        assertThat(changed.username()).isEqualTo(user.username());
        assertThat(changed.passwordHash()).isEqualTo(user.passwordHash());
        assertThat(changed.lastSeen()).isEqualTo(user.lastSeen());
        assertThat(store.update().updateProfile(user.id(), new ProfileUpdate(FieldUpdate.clear(), FieldUpdate.clear(),
                FieldUpdate.clear())).orElseThrow().profile()).isEqualTo(Profile.EMPTY);
        assertThat(store.update().updateProfile(UNKNOWN, new ProfileUpdate(FieldUpdate.set(DisplayName.of("Ghost")),
                FieldUpdate.keep(), FieldUpdate.keep()))).isEmpty();
    }

    @Test
    @org.junit.jupiter.api.DisplayName("the password hash is replaced only over the expected one")
    void password_hash_replacement() {
        User user = create("pw");

        assertThat(store.update().replacePasswordHash(user.id(), user.passwordHash(), new PasswordHash("first"))).isTrue();
        assertThat(store.update().replacePasswordHash(user.id(), user.passwordHash(), new PasswordHash("second")))
                .as("a stale expectation").isFalse();
        assertThat(store.load().byId(user.id()).orElseThrow().passwordHash()).isEqualTo(new PasswordHash("first"));
        assertThat(store.update().replacePasswordHash(UNKNOWN, new PasswordHash("a"), new PasswordHash("b"))).isFalse();
    }

    @Test
    @org.junit.jupiter.api.DisplayName("last seen moves forward, never back, to the millisecond")
    void last_seen() {
        User user = create("seen");
        Instant later = T0.plus(Duration.ofMinutes(5)).plusMillis(123);

        store.update().recordLastSeen(user.id(), later);
        store.update().recordLastSeen(user.id(), T0.plus(Duration.ofMinutes(1)));
        store.update().recordLastSeen(UNKNOWN, later);

        assertThat(store.load().byId(user.id()).orElseThrow().lastSeen()).isEqualTo(later);
    }

    @Test
    @org.junit.jupiter.api.DisplayName("search matches username or display name ignoring case: exact username first, then prefixes, then the rest by username")
    void search_order() {
        User searcher = create("searcher");
        String term = tag + "zed";
        named(tag + "Zed", "someone");
        named(tag + "zedekiah", "someone");
        named(tag + "Zedd", "someone");
        named("x" + tag + "zedx", "someone");
        named(tag + "bob", "friend of " + term.toUpperCase());
        named(tag + "unrelated", "Nobody");

        var found = store.find().search(new SearchTerm(term.toUpperCase()), searcher.id(), 20);

        assertThat(found).extracting(entry -> entry.username().value())
                .containsExactly(tag + "Zed", tag + "Zedd", tag + "zedekiah", tag + "bob", "x" + tag + "zedx");
        assertThat(found.get(3).displayName()).contains(DisplayName.of("friend of " + term.toUpperCase()));
        assertThat(found.get(0).lastSeen()).isEqualTo(T0);
        assertThat(search(tag + "no such person", searcher.id(), 10)).isEmpty();
    }

    @Test
    @org.junit.jupiter.api.DisplayName("search is bounded by the limit and leaves out the searcher")
    void search_limit_and_exclusion() {
        User searcher = create("quokka");
        create("quokka1");
        create("quokka2");
        create("quokka3");

        assertThat(search(tag + "quokka", searcher.id(), 2)).containsExactly(tag + "quokka1", tag + "quokka2");
        assertThat(search(tag + "quokka", searcher.id(), 10)).containsExactly(tag + "quokka1", tag + "quokka2", tag + "quokka3");
    }

    @Test
    @org.junit.jupiter.api.DisplayName("search treats %, _, ! and \\ as themselves, not as patterns")
    void search_literal() {
        User searcher = create("escaper");
        named(tag + "pct", tag + " 50% off");
        named(tag + "nopct", tag + " 50 off");
        named(tag + "q_zjones", "plain");
        named(tag + "qazb", "plain");
        named(tag + "backslash", tag + " a\\b");
        named(tag + "nobackslash", tag + " a b ab");
        named(tag + "bang", tag + " a!b");

        assertThat(search(tag + " 50%", searcher.id(), 10)).containsExactly(tag + "pct");
        assertThat(search(tag + "q_z", searcher.id(), 10)).containsExactly(tag + "q_zjones");
        assertThat(search(tag + " a\\b", searcher.id(), 10)).containsExactly(tag + "backslash");
        assertThat(search(tag + " a!b", searcher.id(), 10)).containsExactly(tag + "bang");
    }

    @Test
    @org.junit.jupiter.api.DisplayName("by ids finds the users that exist among the ids, each once")
    void by_ids() {
        User first = create("first");
        User second = create("second");

        var found = store.find().byIds(List.of(first.id(), second.id(), first.id(), UNKNOWN));

        assertThat(found).extracting(DirectoryEntry::id).containsExactlyInAnyOrder(first.id(), second.id());
        assertThat(found).filteredOn(entry -> entry.id().equals(first.id()))
                .containsExactly(new DirectoryEntry(first.id(), first.username(), Optional.empty(), T0));
        assertThat(store.find().byIds(List.of())).isEmpty();
    }
}
