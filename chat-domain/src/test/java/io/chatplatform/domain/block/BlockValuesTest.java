package io.chatplatform.domain.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatplatform.domain.block.BlockPolicy.SendRefusal;
import io.chatplatform.domain.user.UserId;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BlockValuesTest {

    private static final UserId ALICE = UserId.of(1);
    private static final UserId BOB = UserId.of(2);
    private static final UserId CAROL = UserId.of(3);
    private static final UserId DAVE = UserId.of(4);

    /** Alice blocked Bob; Carol blocked Alice; Dave and Alice are fine. */
    private static final BlockList ALICES = new BlockList(ALICE, Set.of(BOB), Set.of(CAROL));

    @Test
    @DisplayName("a block list answers for both directions, and a block separates both ways")
    void both_directions() {
        assertThat(ALICES.hasBlocked(BOB)).isTrue();
        assertThat(ALICES.isBlockedBy(BOB)).isFalse();
        assertThat(ALICES.hasBlocked(CAROL)).isFalse();
        assertThat(ALICES.isBlockedBy(CAROL)).isTrue();
        assertThat(ALICES.separates(BOB)).isTrue();
        assertThat(ALICES.separates(CAROL)).isTrue();
        assertThat(ALICES.separates(DAVE)).isFalse();
        assertThat(ALICES.isEmpty()).isFalse();
        assertThat(BlockList.empty(ALICE).isEmpty()).isTrue();
        assertThat(BlockList.empty(ALICE).separates(BOB)).isFalse();
        assertThat(new BlockList(ALICE, Set.of(BOB), Set.of()).isEmpty()).isFalse();
        assertThat(new BlockList(ALICE, Set.of(), Set.of(BOB)).isEmpty()).isFalse();
    }

    @Test
    @DisplayName("nobody is in their own list, the sets are copies, and nothing is null")
    void invariants() {
        assertThatThrownBy(() -> new BlockList(ALICE, Set.of(ALICE), Set.of())).hasMessageContaining("themself");
        assertThatThrownBy(() -> new BlockList(ALICE, Set.of(), Set.of(ALICE))).hasMessageContaining("themself");
        assertThatThrownBy(() -> new BlockList(null, Set.of(), Set.of())).isInstanceOf(NullPointerException.class);
        Set<UserId> blocked = new HashSet<>(Set.of(BOB));
        BlockList list = new BlockList(ALICE, blocked, Set.of());
        blocked.add(DAVE);
        assertThat(list.hasBlocked(DAVE)).isFalse();
        assertThatThrownBy(() -> list.blocked().add(DAVE)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    @DisplayName("sending: refused to whom the recipient blocked, and to whoever blocked the recipient; allowed otherwise")
    void send_refusals() {
        // ALICES is the recipient's list
        assertThat(BlockPolicy.refusal(BOB, ALICES)).contains(SendRefusal.BLOCKED_BY_RECIPIENT);
        assertThat(BlockPolicy.refusal(CAROL, ALICES)).contains(SendRefusal.RECIPIENT_BLOCKED_BY_SENDER);
        assertThat(BlockPolicy.refusal(DAVE, ALICES)).isEmpty();
        // both ways at once: the recipient's block is what the sender is told
        BlockList mutual = new BlockList(ALICE, Set.of(BOB), Set.of(BOB));
        assertThat(BlockPolicy.refusal(BOB, mutual)).contains(SendRefusal.BLOCKED_BY_RECIPIENT);
        assertThat(BlockPolicy.MAX_BLOCKED).isEqualTo(1_000);
    }
}
