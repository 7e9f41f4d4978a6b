package io.chatplatform.bench.scenario;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Optional;
import java.util.Random;

/**
 * The messages one user of {@code mixed} sent or received lately, newest last, at most
 * {@link #CAPACITY}: what its edit-react steps change. It remembers what the user did to each (how
 * often it edited it, whether its reaction is on it), so that every edit and every reaction request
 * changes something and no edit is refused for the message's edit limit. Partners add the messages
 * they send to the user from their own threads; only the user changes the entries.
 */
final class RecentMessages {

    /** How many messages a user keeps: a screenful, the ones a person edits or reacts to. */
    static final int CAPACITY = 32;

    /** A message, as far as this user is concerned. */
    static final class Entry {
        final long id;
        final boolean mine;
        private int edits;
        private boolean reacted;

        Entry(long id, boolean mine) {
            this.id = id;
            this.mine = mine;
        }
    }

    private final ArrayDeque<Entry> entries = new ArrayDeque<>(CAPACITY);

    /** A message the user sent ({@code mine}) or received; the oldest goes when there are too many. */
    synchronized void add(long id, boolean mine) {
        if (entries.size() == CAPACITY) {
            entries.removeFirst();
        }
        entries.addLast(new Entry(id, mine));
    }

    synchronized int size() {
        return entries.size();
    }

    /** The newest message of the user's own that it edited fewer than {@code maxEdits} times. */
    synchronized Optional<Entry> editable(int maxEdits) {
        for (Iterator<Entry> newestFirst = entries.descendingIterator(); newestFirst.hasNext(); ) {
            Entry e = newestFirst.next();
            if (e.mine && e.edits < maxEdits) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** Any of the messages, uniformly. */
    synchronized Optional<Entry> any(Random random) {
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        int skip = random.nextInt(entries.size());
        Iterator<Entry> it = entries.iterator();
        for (int i = 0; i < skip; i++) {
            it.next();
        }
        return Optional.of(it.next());
    }

    /** The user's edit of {@code entry} was accepted. */
    synchronized void edited(Entry entry) {
        entry.edits++;
    }

    synchronized int edits(Entry entry) {
        return entry.edits;
    }

    /** Whether the user's reaction is on the message, as far as it knows. */
    synchronized boolean reacted(Entry entry) {
        return entry.reacted;
    }

    /** The user's reaction was added ({@code true}) or taken back. */
    synchronized void reacted(Entry entry, boolean on) {
        entry.reacted = on;
    }
}
