package io.chatplatform.domain.realtime;

import io.chatplatform.domain.conversation.InboxEntry;
import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.realtime.DeliveryCursor.AlreadyDelivered;
import io.chatplatform.domain.realtime.DeliveryCursor.Decision;
import io.chatplatform.domain.realtime.DeliveryCursor.FillGap;
import io.chatplatform.domain.realtime.DeliveryCursor.Span;
import io.chatplatform.domain.user.UserId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Decides what one connection sends of its conversations' ordered histories
 * ({@link ConversationChange}s), so that each reaches the client once and in position order: on a
 * resume, which spans of which conversations to read from the store and where to stop (the
 * budgets); live, whether a change is new, a repeat, or follows a gap to fill from the store first
 * (or, when too large, to leave to the HTTP API).
 *
 * <p>It owns the connection's {@link DeliveryCursor}. The store is read through a
 * {@link ChangesAfter} function the caller provides; the planner itself does no I/O and needs no
 * thread, and returns the {@link Step}s for the caller to send, in order. Not thread-safe: one per
 * connection, used by that connection's mailbox only.
 */
public final class ReplayPlanner {

    /**
     * How much one replay may read.
     *
     * @param perConversation at most this many changes of one conversation, by a resume or to fill a live gap
     * @param total           at most this many changes by one resume, all conversations together
     */
    public record Budgets(int perConversation, int total) {
        public Budgets {
            if (perConversation < 1 || total < 1) {
                throw new IllegalArgumentException("budgets must be at least 1, were " + perConversation + " per "
                        + "conversation and " + total + " in total");
            }
        }
    }

    /** Reads the store: up to {@code limit} changes of the conversation after {@code afterPosition}, oldest first. */
    @FunctionalInterface
    public interface ChangesAfter {
        /** The changes, oldest first; fewer than {@code limit} when the conversation has no more. */
        List<? extends ConversationChange> after(ConversationId conversation, long afterPosition, int limit);
    }

    /** Something to send to the client, or to do for it. */
    public sealed interface Step permits Send, Truncated, Hold {
    }

    /** Send this change. */
    public record Send(ConversationChange change) implements Step {
        public Send {
            Objects.requireNonNull(change, "change");
        }
    }

    /**
     * The conversation with {@code peer} has more than this replay sends: the client fetches what
     * comes after {@code afterPosition} (up to the next change it receives) through the HTTP API.
     */
    public record Truncated(UserId peer, long afterPosition) implements Step {
        public Truncated {
            Objects.requireNonNull(peer, "peer");
        }
    }

    /**
     * A change of {@code conversation} arrived after a small gap and is held back: the changes
     * before it were most likely committed a moment earlier and their events are still on the way
     * (changes of two participants are published by two threads). Call {@link #release} after a
     * short wait; the gap is read from the store only if they have not arrived by then.
     */
    public record Hold(ConversationId conversation) implements Step {
        public Hold {
            Objects.requireNonNull(conversation, "conversation");
        }
    }

    /** The widest gap worth waiting for: a wider one was not overtaken by a moment, it was lost. */
    public static final int HOLD_GAP = 8;

    private final UserId user;
    private final Budgets budgets;
    private final DeliveryCursor cursor = new DeliveryCursor();
    // changes waiting for the ones before them, per conversation, by position
    private final Map<ConversationId, TreeMap<Long, ConversationChange>> held = new HashMap<>();

    /** A planner for a connection of {@code user}, with nothing delivered yet. */
    public ReplayPlanner(UserId user, Budgets budgets) {
        this.user = Objects.requireNonNull(user, "user");
        this.budgets = Objects.requireNonNull(budgets, "budgets");
    }

    /**
     * What a resume sends: per conversation of {@code conversations} (the user's most recent), the
     * changes after the client's position ({@code positions}: peer to the last position the client has;
     * a conversation not named is replayed from its start) that this connection has not delivered
     * yet, oldest first, within the budgets; where a budget ends, a {@link Truncated}. Positions of
     * conversations not listed are taken as they are: live delivery continues after them.
     */
    public List<Step> resume(List<InboxEntry> conversations, Map<UserId, Long> positions, ChangesAfter store) {
        Objects.requireNonNull(conversations, "conversations");
        Objects.requireNonNull(positions, "positions");
        Objects.requireNonNull(store, "store");
        List<Step> steps = new ArrayList<>();
        int replayed = 0;
        Set<UserId> seen = new HashSet<>();
        for (InboxEntry entry : conversations) {
            seen.add(entry.peer());
            int budget = Math.min(budgets.perConversation(), budgets.total() - replayed);
            replayed += resumeOne(entry, Math.max(0, positions.getOrDefault(entry.peer(), 0L)), budget, store, steps);
        }
        positions.forEach((peer, seq) -> {
            if (!seen.contains(peer)) {
                cursor.skipTo(ConversationId.between(user, peer), Math.max(0, seq));
            }
        });
        return steps;
    }

    /**
     * Replays one conversation from {@code known} within {@code budget}; returns how many changes it
     * sent. The store skips changes the user cannot see (another's deletion for themself), so a
     * read may come back short, or reach past a span: a short read means the span is complete,
     * only a read that used up its limit inside the span leaves a rest for the HTTP API.
     */
    private int resumeOne(InboxEntry entry, long known, int budget, ChangesAfter store, List<Step> steps) {
        ConversationId conversation = entry.conversationId();
        int sent = 0;
        long reached = known;
        for (Span span : cursor.missing(conversation, known, entry.lastPosition())) {
            long wanted = span.upToSeq() - span.afterSeq();
            int limit = (int) Math.min(wanted, budget - sent);
            List<? extends ConversationChange> read = limit > 0 ? store.after(conversation, span.afterSeq(), limit) : List.of();
            long last = span.afterSeq();
            int inSpan = 0;
            for (ConversationChange change : read) {
                if (change.position() <= span.upToSeq()) {
                    steps.add(new Send(change));
                    last = change.position();
                    inSpan++;
                }
            }
            sent += inSpan;
            // a read that used up its limit on the span's last change left nothing in it either: the
            // holes made the span look longer than what the viewer may see
            boolean complete = read.size() < limit || inSpan < read.size() || limit == wanted
                    || last == span.upToSeq();
            if (!complete) {
                // the client fetches the rest through the HTTP API; live delivery continues after it
                steps.add(new Truncated(entry.peer(), last));
                cursor.skipTo(conversation, entry.lastPosition());
                return sent;
            }
            reached = Math.max(reached, span.upToSeq());
        }
        cursor.replayed(conversation, known, reached);
        return sent;
    }

    /**
     * What a change that arrived live sends: nothing when it was already delivered; itself when it
     * is next (or the first this connection sees of its conversation, or late below such a first),
     * followed by any held changes it makes next; after a gap, first the missing changes read from
     * the store, or, when the gap is larger than a conversation's budget, a {@link Truncated} that
     * leaves the gap to the HTTP API.
     */
    public List<Step> live(ConversationChange change, ChangesAfter store) {
        return live(change, store, false);
    }

    /**
     * As {@link #live(ConversationChange, ChangesAfter)}, but a change after a gap of at most
     * {@link #HOLD_GAP} is held back ({@link Hold}) instead of filling the gap from the store at
     * once: the missing changes usually arrive within milliseconds.
     */
    public List<Step> liveOrHold(ConversationChange change, ChangesAfter store) {
        return live(change, store, true);
    }

    /**
     * The wait for {@code conversation}'s held changes is over: sends them, reading from the store
     * whatever is still missing before each.
     */
    public List<Step> release(ConversationId conversation, ChangesAfter store) {
        Objects.requireNonNull(conversation, "conversation");
        TreeMap<Long, ConversationChange> waiting = held.remove(conversation);
        List<Step> steps = new ArrayList<>();
        if (waiting != null) {
            for (ConversationChange change : waiting.values()) {
                steps.addAll(live(change, store, false));
            }
        }
        return steps;
    }

    private List<Step> live(ConversationChange change, ChangesAfter store, boolean mayHold) {
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(store, "store");
        ConversationId conversation = change.conversation();
        Decision decision = cursor.decide(conversation, change.position());
        if (decision instanceof AlreadyDelivered) {
            return List.of();
        }
        List<Step> steps = new ArrayList<>();
        if (decision instanceof FillGap gap) {
            if (mayHold && gap.size() <= HOLD_GAP) {
                TreeMap<Long, ConversationChange> waiting = held.computeIfAbsent(conversation, key -> new TreeMap<>());
                boolean first = waiting.isEmpty();
                waiting.put(change.position(), change);
                // one wait per conversation: the first held change starts it
                return first ? List.of(new Hold(conversation)) : List.of();
            }
            if (gap.size() > budgets.perConversation()) {
                // too much to fill live: the client fetches the gap through the HTTP API
                steps.add(new Truncated(conversation.peerOf(user), gap.fromSeq() - 1));
                cursor.skipTo(conversation, change.position() - 1);
            } else {
                for (ConversationChange earlier : store.after(conversation, gap.fromSeq() - 1, (int) gap.size())) {
                    if (earlier.position() < change.position()) {
                        steps.add(new Send(earlier));
                        cursor.delivered(conversation, earlier.position());
                    }
                }
            }
        }
        steps.add(new Send(change));
        cursor.delivered(conversation, change.position());
        sendHeldThatFollow(conversation, steps);
        return steps;
    }

    /** Sends the held changes of {@code conversation} that are next now, in order. */
    private void sendHeldThatFollow(ConversationId conversation, List<Step> steps) {
        TreeMap<Long, ConversationChange> waiting = held.get(conversation);
        while (waiting != null && !waiting.isEmpty()) {
            long next = cursor.position(conversation).orElse(0) + 1;
            Map.Entry<Long, ConversationChange> first = waiting.firstEntry();
            if (first.getKey() < next) {
                waiting.pollFirstEntry(); // delivered meanwhile (by a replay or a fill)
            } else if (first.getKey() == next) {
                waiting.pollFirstEntry();
                steps.add(new Send(first.getValue()));
                cursor.delivered(conversation, first.getKey());
            } else {
                return;
            }
        }
    }

    /** Whether changes of {@code conversation} are held back, waiting for earlier ones. */
    public boolean holds(ConversationId conversation) {
        TreeMap<Long, ConversationChange> waiting = held.get(conversation);
        return waiting != null && !waiting.isEmpty();
    }

    /** How many of the steps send a change (for a resume, the count its client is told). */
    public static int sent(List<Step> steps) {
        return (int) steps.stream().filter(Send.class::isInstance).count();
    }
}
