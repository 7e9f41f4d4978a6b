package io.chatplatform.adapter.postgres;

import static io.chatplatform.adapter.postgres.Fixtures.T0;
import static io.chatplatform.adapter.postgres.Fixtures.register;
import static io.chatplatform.adapter.postgres.Fixtures.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatplatform.domain.conversation.InboxEntry;
import io.chatplatform.domain.user.User;
import io.chatplatform.domain.user.UserId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code LoadInbox.byPeer} on PostgreSQL: the whole conversation list, a page at a time, in peer id order. */
@DisplayName("PostgresMessageStore.byPeer")
class PostgresInboxByPeerTest {

    @RegisterExtension
    static final FreshSchema db = new FreshSchema();

    private final PostgresMessageStore messages = db.messages();

    @Test
    @DisplayName("walks every line once in peer id order, whatever the order of activity, a page at a time")
    void pages_in_peer_order() {
        User owner = register(db.users(), "owner");
        List<User> peers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            peers.add(register(db.users(), "peer"));
        }
        // activity in reverse order of the peers' ids, and a note to self
        for (int i = peers.size() - 1; i >= 0; i--) {
            send(messages, peers.get(i), owner, "hi " + i, T0.plusSeconds(10 - i));
        }
        send(messages, owner, owner, "note", T0.plusSeconds(20));
        List<UserId> expected = new ArrayList<>(peers.stream().map(User::id).toList());
        expected.add(owner.id());
        expected.sort(Comparator.comparingLong(UserId::value));

        List<UserId> walked = new ArrayList<>();
        Optional<UserId> after = Optional.empty();
        while (true) {
            List<InboxEntry> page = messages.byPeer(owner.id(), after, 2);
            assertThat(page).hasSizeLessThanOrEqualTo(2);
            if (page.isEmpty()) {
                break;
            }
            page.forEach(entry -> assertThat(entry.owner()).isEqualTo(owner.id()));
            walked.addAll(page.stream().map(InboxEntry::peer).toList());
            after = Optional.of(page.get(page.size() - 1).peer());
        }

        assertThat(walked).containsExactlyElementsOf(expected);
        assertThat(messages.byPeer(owner.id(), Optional.empty(), 100)).containsExactlyElementsOf(
                expected.stream().map(peer -> messages.entry(owner.id(), peer).orElseThrow()).toList());
        assertThat(messages.byPeer(owner.id(), Optional.of(UserId.of(1)), 0)).isEmpty();
        assertThat(messages.byPeer(peers.get(0).id(), Optional.empty(), 10)).extracting(InboxEntry::peer)
                .containsExactly(owner.id());
        assertThatThrownBy(() -> messages.byPeer(owner.id(), Optional.empty(), -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
