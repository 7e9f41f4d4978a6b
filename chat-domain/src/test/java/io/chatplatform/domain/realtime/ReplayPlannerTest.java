package io.chatplatform.domain.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatplatform.domain.conversation.InboxEntry;
import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.message.Message;
import io.chatplatform.domain.message.MessageContent;
import io.chatplatform.domain.message.MessageId;
import io.chatplatform.domain.realtime.ReplayPlanner.Budgets;
import io.chatplatform.domain.realtime.ReplayPlanner.ChangesAfter;
import io.chatplatform.domain.realtime.ReplayPlanner.Send;
import io.chatplatform.domain.realtime.ReplayPlanner.Step;
import io.chatplatform.domain.realtime.ReplayPlanner.Truncated;
import io.chatplatform.domain.user.UserId;
import io.chatplatform.domain.user.Username;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ReplayPlannerTest {

    private static final UserId ALICE = UserId.of(1);
    private static final UserId BOB = UserId.of(2);
    private static final UserId CAROL = UserId.of(3);
    private static final Instant AT = Instant.parse("2026-11-27T12:00:00Z");

    /** The store: each conversation's messages, one change each (position = seq), and every read it was asked for. */
    private final Map<ConversationId, Integer> lastSeqs = new HashMap<>();
    private final List<String> reads = new ArrayList<>();
    private final ChangesAfter store = (conversation, afterSeq, limit) -> {
        reads.add(afterSeq + "+" + limit);
        List<MessageCreated> found = new ArrayList<>();
        for (long seq = afterSeq + 1; seq <= lastSeqs.getOrDefault(conversation, 0) && found.size() < limit; seq++) {
            found.add(created(conversation, seq));
        }
        return found;
    };

    private static MessageCreated created(ConversationId conversation, long seq) {
        UserId from = conversation.low();
        return new MessageCreated(new Message(MessageId.of(seq * 10 + conversation.high().value()), conversation, seq,
                from, conversation.peerOf(from), MessageContent.of("m" + seq), AT, Optional.empty()), seq);
    }

    private InboxEntry conversationWith(UserId peer, int lastSeq) {
        ConversationId conversation = ConversationId.between(ALICE, peer);
        lastSeqs.put(conversation, lastSeq);
        return new InboxEntry(ALICE, peer, Username.of("user" + peer), lastSeq, 0, MessageId.of(1), AT, "");
    }

    private static List<Long> seqs(List<Step> steps) {
        return steps.stream().filter(Send.class::isInstance).map(step -> ((Send) step).change().position()).toList();
    }

    private static MessageCreated withBob(long seq) {
        return created(ConversationId.between(ALICE, BOB), seq);
    }

    @Test
    @DisplayName("a resume replays each conversation after the client's position, oldest first")
    void resume_after_positions() {
        ReplayPlanner planner = new ReplayPlanner(ALICE, new Budgets(10, 100));
        List<Step> steps = planner.resume(List.of(conversationWith(BOB, 5), conversationWith(CAROL, 2)), Map.of(BOB, 3L),
                store);
        assertThat(seqs(steps)).containsExactly(4L, 5L, 1L, 2L);
        assertThat(ReplayPlanner.sent(steps)).isEqualTo(4);
        assertThat(planner.live(withBob(5), store)).isEmpty();
        assertThat(seqs(planner.live(withBob(6), store))).containsExactly(6L);
    }

    @Test
    @DisplayName("a resume stops a conversation at its budget and says where the client continues")
    void resume_per_conversation_budget() {
        ReplayPlanner planner = new ReplayPlanner(ALICE, new Budgets(3, 100));
        List<Step> steps = planner.resume(List.of(conversationWith(BOB, 10)), Map.of(), store);
        assertThat(steps).containsExactly(new Send(withBob(1)), new Send(withBob(2)), new Send(withBob(3)),
                new Truncated(BOB, 3));
        // live delivery goes on after what the client fetches through the HTTP API
        assertThat(seqs(planner.live(withBob(11), store))).containsExactly(11L);
    }

    @Test
    @DisplayName("a resume stops at its total budget; the conversations it did not reach are truncated where they start")
    void resume_total_budget() {
        ReplayPlanner planner = new ReplayPlanner(ALICE, new Budgets(5, 6));
        List<Step> steps = planner.resume(List.of(conversationWith(BOB, 4), conversationWith(CAROL, 4)),
                Map.of(CAROL, 1L), store);
        assertThat(seqs(steps)).containsExactly(1L, 2L, 3L, 4L, 2L, 3L);
        assertThat(steps).filteredOn(Truncated.class::isInstance).containsExactly(new Truncated(CAROL, 3));
        List<Step> none = new ReplayPlanner(ALICE, new Budgets(5, 1))
                .resume(List.of(conversationWith(BOB, 1), conversationWith(CAROL, 4)), Map.of(), store);
        assertThat(none).containsExactly(new Send(withBob(1)), new Truncated(CAROL, 0));
        assertThat(reads).doesNotContain("0+0");
    }

    @Test
    @DisplayName("a second resume sends only what this connection has not delivered, before and after it")
    void second_resume() {
        ReplayPlanner planner = new ReplayPlanner(ALICE, new Budgets(10, 100));
        planner.resume(List.of(conversationWith(BOB, 5)), Map.of(BOB, 3L), store);
        conversationWith(BOB, 7);
        List<Step> again = planner.resume(List.of(conversationWith(BOB, 7)), Map.of(BOB, 1L), store);
        assertThat(seqs(again)).containsExactly(2L, 3L, 6L, 7L);
        assertThat(planner.resume(List.of(conversationWith(BOB, 7)), Map.of(BOB, 1L), store)).isEmpty();
    }

    @Test
    @DisplayName("positions of conversations the resume did not look at start their cursor there")
    void positions_beyond_the_list() {
        ReplayPlanner planner = new ReplayPlanner(ALICE, new Budgets(10, 100));
        assertThat(planner.resume(List.of(), Map.of(BOB, 4L), store)).isEmpty();
        assertThat(planner.live(withBob(4), store)).isEmpty();
        assertThat(seqs(planner.live(withBob(5), store))).containsExactly(5L);
    }

    @Test
    @DisplayName("live, a change after a gap comes after the missing ones read from the store; repeats are dropped")
    void live_gap_filled() {
        lastSeqs.put(ConversationId.between(ALICE, BOB), 9);
        ReplayPlanner planner = new ReplayPlanner(ALICE, new Budgets(5, 100));
        assertThat(seqs(planner.live(withBob(3), store))).containsExactly(3L);
        assertThat(seqs(planner.live(withBob(6), store))).containsExactly(4L, 5L, 6L);
        assertThat(reads).containsExactly("3+2");
        assertThat(planner.live(withBob(5), store)).isEmpty();
        // a late event just below where the connection started is still news, once
        assertThat(seqs(planner.live(withBob(2), store))).containsExactly(2L);
        assertThat(planner.live(withBob(2), store)).isEmpty();
    }

    @Test
    @DisplayName("live, a gap larger than a conversation's budget is left to the HTTP API")
    void live_gap_too_large() {
        ReplayPlanner planner = new ReplayPlanner(ALICE, new Budgets(2, 100));
        planner.live(withBob(1), store);
        assertThat(planner.live(withBob(5), store)).containsExactly(new Truncated(BOB, 1), new Send(withBob(5)));
        assertThat(seqs(planner.live(withBob(6), store))).containsExactly(6L);
        assertThat(reads).isEmpty();
    }

    /**
     * A conversation of Bob and Alice as a change stream, with Bob's deletions for himself in it:
     * the store gives Alice what she may see, so where Bob hid a message her view has a hole.
     */
    private static final class Stream {
        final ConversationId conversation = ConversationId.between(ALICE, BOB);
        final List<ConversationChange> changes = new ArrayList<>();
        final List<String> reads = new ArrayList<>();
        private final List<Message> messages = new ArrayList<>();

        /** Bob sends a message: its creation is the next change. */
        Stream send() {
            Message message = new Message(MessageId.of(100 + messages.size()), conversation, messages.size() + 1L, BOB,
                    ALICE, MessageContent.of("m" + (messages.size() + 1)), AT, Optional.empty());
            messages.add(message);
            changes.add(new MessageCreated(message, changes.size() + 1L));
            return this;
        }

        /** Bob hides his message {@code seq} for himself: a change Alice cannot see. */
        Stream bobHides(long seq) {
            changes.add(new MessageDeleted(messages.get((int) seq - 1), Optional.of(BOB), changes.size() + 1L));
            return this;
        }

        ConversationChange at(long position) {
            return changes.get((int) position - 1);
        }

        /** Alice's line: her last position is the newest change she can see. */
        InboxEntry aliceLine() {
            long visible = changes.stream().filter(c -> c.audience().contains(ALICE)).mapToLong(ConversationChange::position)
                    .max().orElseThrow();
            return new InboxEntry(ALICE, BOB, Username.of("bob"), messages.size(), 0, 0, messages.get(messages.size() - 1).id(),
                    AT, Optional.of("m"), visible, 0, 0);
        }

        /** The store as it reads for Alice: what she may see, after the position, up to the limit. */
        final ChangesAfter store = (conversation, afterPosition, limit) -> {
            reads.add(afterPosition + "+" + limit);
            return changes.stream().filter(c -> c.position() > afterPosition && c.audience().contains(ALICE))
                    .limit(limit).toList();
        };
    }

    @Test
    @DisplayName("a resume reads across the peer's deletion for himself inside a span: all Alice may see, no truncation")
    void resume_across_a_hole() {
        Stream stream = new Stream().send().send().bobHides(1).send().send();
        ReplayPlanner planner = new ReplayPlanner(ALICE, new Budgets(10, 100));
        List<Step> steps = planner.resume(List.of(stream.aliceLine()), Map.of(), stream.store);
        assertThat(steps).containsExactly(new Send(stream.at(1)), new Send(stream.at(2)), new Send(stream.at(4)),
                new Send(stream.at(5)));
        // the cursor stands at 5: the next change goes straight out, nothing is sent twice
        assertThat(planner.live(stream.at(5), stream.store)).isEmpty();
        stream.send();
        int reads = stream.reads.size();
        assertThat(planner.live(stream.at(6), stream.store)).containsExactly(new Send(stream.at(6)));
        assertThat(stream.reads).hasSize(reads);
    }

    @Test
    @DisplayName("a hole inside a span that the budget covers exactly in visible changes is no truncation")
    void resume_across_a_hole_with_a_budget_of_exactly_what_is_visible() {
        // positions 1..4, of which Alice sees 3: a budget of 3 sends them all, and there is nothing left to fetch
        Stream stream = new Stream().send().send().bobHides(1).send();
        ReplayPlanner planner = new ReplayPlanner(ALICE, new Budgets(3, 100));
        List<Step> steps = planner.resume(List.of(stream.aliceLine()), Map.of(), stream.store);
        assertThat(steps).containsExactly(new Send(stream.at(1)), new Send(stream.at(2)), new Send(stream.at(4)));
        stream.send();
        assertThat(planner.live(stream.at(5), stream.store)).containsExactly(new Send(stream.at(5)));
    }

    @Test
    @DisplayName("a hole at the end of a span before the live run: no truncation, nothing the run delivered again, the cursor joins the run")
    void hole_at_the_end_of_a_span_before_the_live_run() {
        // 1..4 messages, 5 Bob hides one, 6 a message that reached Alice's connection live before she resumed
        Stream stream = new Stream().send().send().send().send().bobHides(2).send();
        ReplayPlanner planner = new ReplayPlanner(ALICE, new Budgets(10, 100));
        assertThat(planner.live(stream.at(6), stream.store)).containsExactly(new Send(stream.at(6)));

        List<Step> steps = planner.resume(List.of(stream.aliceLine()), Map.of(), stream.store);
        // the span is 1..5; the read reaches 6, which the run delivered already
        assertThat(stream.reads).containsExactly("0+5");
        assertThat(steps).containsExactly(new Send(stream.at(1)), new Send(stream.at(2)), new Send(stream.at(3)),
                new Send(stream.at(4)));
        assertThat(planner.live(stream.at(6), stream.store)).isEmpty();
        assertThat(planner.resume(List.of(stream.aliceLine()), Map.of(), stream.store)).isEmpty();
        stream.send();
        assertThat(planner.live(stream.at(7), stream.store)).containsExactly(new Send(stream.at(7)));
        assertThat(stream.reads).containsExactly("0+5");
    }

    @Test
    @DisplayName("a span that ends in a hole leaves the cursor at the span's end, not at the last change sent")
    void cursor_ends_at_the_end_of_the_span() {
        // the line says 3 (as a store may that counts the hide in the line's position): Alice sees 1 and 2
        Stream stream = new Stream().send().send().bobHides(1);
        InboxEntry line = new InboxEntry(ALICE, BOB, Username.of("bob"), 2, 0, 0, MessageId.of(101), AT,
                Optional.of("m"), 3, 0, 0);
        ReplayPlanner planner = new ReplayPlanner(ALICE, new Budgets(10, 100));
        assertThat(planner.resume(List.of(line), Map.of(), stream.store))
                .containsExactly(new Send(stream.at(1)), new Send(stream.at(2)));
        stream.send();
        // 4 is next after 3: no gap to fill, so no read
        assertThat(planner.live(stream.at(4), stream.store)).containsExactly(new Send(stream.at(4)));
        assertThat(stream.reads).containsExactly("0+3");
    }

    @Test
    @DisplayName("with holes, a budget smaller than what Alice may see still truncates where it stopped")
    void budget_truncation_across_holes() {
        Stream stream = new Stream().send().bobHides(1).send().send().send().send();
        ReplayPlanner planner = new ReplayPlanner(ALICE, new Budgets(3, 100));
        List<Step> steps = planner.resume(List.of(stream.aliceLine()), Map.of(), stream.store);
        assertThat(steps).containsExactly(new Send(stream.at(1)), new Send(stream.at(3)), new Send(stream.at(4)),
                new Truncated(BOB, 4));
        // live delivery continues after the newest position; the client fetches 5 and 6 through the HTTP API
        assertThat(planner.live(stream.at(6), stream.store)).isEmpty();
        stream.send();
        assertThat(planner.live(stream.at(7), stream.store)).containsExactly(new Send(stream.at(7)));
    }

    @Test
    @DisplayName("live, a hole before a change costs one read and sends the change once")
    void live_across_a_hole() {
        Stream stream = new Stream().send().send();
        ReplayPlanner planner = new ReplayPlanner(ALICE, new Budgets(10, 100));
        planner.resume(List.of(stream.aliceLine()), Map.of(BOB, 2L), stream.store);
        stream.bobHides(1).send();
        assertThat(planner.live(stream.at(4), stream.store)).containsExactly(new Send(stream.at(4)));
        assertThat(stream.reads).containsExactly("2+1");
        assertThat(planner.live(stream.at(4), stream.store)).isEmpty();
        stream.send();
        assertThat(planner.live(stream.at(5), stream.store)).containsExactly(new Send(stream.at(5)));
        assertThat(stream.reads).containsExactly("2+1");
    }

    @Test
    @DisplayName("budgets and steps refuse what cannot work")
    void invariants() {
        assertThatThrownBy(() -> new Budgets(0, 1)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> new Budgets(1, 0)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> new Send(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Truncated(null, 1)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new ReplayPlanner(null, new Budgets(1, 1))).isInstanceOf(NullPointerException.class);
    }

    @Test
    @DisplayName("every live event names its own type; the names are the protocol's")
    void types() {
        Message message = withBob(1).message();
        ConversationId conversation = message.conversationId();
        assertThat(new MessageCreated(message, 1).type().wireName()).isEqualTo("message.created");
        assertThat(new MessageCreated(message, 1).conversation()).isEqualTo(conversation);
        assertThat(new ReadMarkerMoved(conversation, BOB, 1, 2).type().wireName()).isEqualTo("message.read");
        assertThat(new Typing(ALICE, BOB, AT).type().wireName()).isEqualTo("typing");
        assertThat(new PresenceChanged(ALICE, true, java.util.Set.of(BOB)).type().wireName()).isEqualTo("presence");
        assertThat(CloseReason.valueOf("TOO_SLOW")).isEqualTo(CloseReason.TOO_SLOW);
    }

    @Test
    @DisplayName("a change that overtook the one before it waits for it instead of reading the store")
    void overtaken_changes_wait() {
        ReplayPlanner planner = new ReplayPlanner(ALICE, new Budgets(10, 100));
        conversationWith(BOB, 5);
        ConversationId withBob = ConversationId.between(ALICE, BOB);
        assertThat(seqs(planner.liveOrHold(withBob(1), store))).containsExactly(1L);

        assertThat(planner.liveOrHold(withBob(3), store)).containsExactly(new ReplayPlanner.Hold(withBob));
        assertThat(planner.liveOrHold(withBob(4), store)).as("one wait per conversation").isEmpty();
        assertThat(planner.holds(withBob)).isTrue();
        assertThat(seqs(planner.liveOrHold(withBob(2), store))).as("the late one, then what waited for it")
                .containsExactly(2L, 3L, 4L);
        assertThat(planner.holds(withBob)).isFalse();
        assertThat(planner.release(withBob, store)).as("nothing left when the wait ends").isEmpty();
        assertThat(reads).isEmpty();
    }

    @Test
    @DisplayName("when the wait ends and the change before is still missing, it is read from the store")
    void the_gap_is_read_when_the_wait_ends() {
        ReplayPlanner planner = new ReplayPlanner(ALICE, new Budgets(10, 100));
        conversationWith(BOB, 5);
        ConversationId withBob = ConversationId.between(ALICE, BOB);
        planner.liveOrHold(withBob(1), store);

        assertThat(planner.liveOrHold(withBob(3), store)).containsExactly(new ReplayPlanner.Hold(withBob));
        assertThat(seqs(planner.release(withBob, store))).containsExactly(2L, 3L);
        assertThat(reads).containsExactly("1+1");
        assertThat(planner.liveOrHold(withBob(2), store)).as("the late event, once the gap was read").isEmpty();
    }

    @Test
    @DisplayName("a gap wider than a moment's overtaking is read at once")
    void wide_gaps_are_not_held() {
        ReplayPlanner planner = new ReplayPlanner(ALICE, new Budgets(20, 100));
        conversationWith(BOB, 15);
        planner.liveOrHold(withBob(1), store);

        long far = 2 + ReplayPlanner.HOLD_GAP + 1;
        assertThat(seqs(planner.liveOrHold(withBob(far), store))).hasSize((int) far - 1).last().isEqualTo(far);
        assertThat(reads).hasSize(1);
    }
}
