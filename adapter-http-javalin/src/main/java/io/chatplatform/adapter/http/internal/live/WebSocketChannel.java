package io.chatplatform.adapter.http.internal.live;

import io.chatplatform.application.port.out.ClientChannel;
import io.chatplatform.domain.realtime.CloseReason;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * One WebSocket as the application's {@link ClientChannel}: a bounded outbox written to the
 * network at the client's pace, one frame in flight at a time. Offering never blocks and never
 * waits for the network: a frame is queued, and the write of the next one starts when the previous
 * one completed. A client that lets the outbox fill up is refused further frames, and the caller
 * closes it, so one slow reader costs the server at most {@code capacity} frames.
 *
 * <p>Holds no thread: an idle connection is this object, an empty queue and Jetty's session.
 */
final class WebSocketChannel implements ClientChannel {

    /** How long a closing connection may take to flush its close frame before it is dropped. */
    static final Duration CLOSE_GRACE = Duration.ofSeconds(10);

    private final Session session;
    private final int capacity;
    // guarded by this
    private final ArrayDeque<String> outbox = new ArrayDeque<>();
    private boolean writing;
    private Integer closeCode;

    WebSocketChannel(Session session, int capacity) {
        this.session = Objects.requireNonNull(session, "session");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity cannot be less than 1, was " + capacity);
        }
        this.capacity = capacity;
    }

    @Override
    public boolean offer(ServerMessage message) {
        return offer(ServerFrames.of(message));
    }

    /**
     * Queues a JSON text frame.
     *
     * @return false when the outbox is full, or the connection is closing (nothing more goes out then)
     */
    boolean offer(String frame) {
        synchronized (this) {
            if (closeCode != null || outbox.size() >= capacity) {
                return false;
            }
            outbox.add(frame);
            if (writing) {
                return true;
            }
            writing = true;
        }
        pump();
        return true;
    }

    /**
     * Closes the WebSocket: what is still queued is dropped, the close frame follows the frame in
     * flight. A peer that does not read it is disconnected after {@link #CLOSE_GRACE}. Only the
     * first call counts.
     */
    @Override
    public void close(CloseReason reason) {
        close(CloseCodes.code(reason), CloseCodes.text(reason));
    }

    private void close(int code, String reason) {
        synchronized (this) {
            if (closeCode != null) {
                return;
            }
            closeCode = code;
            outbox.clear();
        }
        try {
            if (session.getIdleTimeout().compareTo(CLOSE_GRACE) > 0) {
                session.setIdleTimeout(CLOSE_GRACE);
            }
        } catch (RuntimeException e) {
            // already gone
        }
        session.close(code, reason, Callback.NOOP);
    }

    /** Whether the connection is closing or closed (by this side, or because a write failed). */
    synchronized boolean closing() {
        return closeCode != null;
    }

    /** The close code this side closed with; null while open. */
    synchronized Integer closeCode() {
        return closeCode;
    }

    /** Frames waiting behind the one in flight. */
    synchronized int queued() {
        return outbox.size();
    }

    /** The connection is gone: keep nothing for it. */
    void discard() {
        synchronized (this) {
            if (closeCode == null) {
                closeCode = 1006;
            }
            outbox.clear();
        }
    }

    /**
     * Writes queued frames until the queue is empty or a write is still under way (its completion
     * then carries on). A write that completes at once loops here instead of recursing from its
     * callback, so a long queue on a fast connection does not grow the stack.
     */
    private void pump() {
        while (true) {
            String next;
            synchronized (this) {
                next = closeCode == null ? outbox.poll() : null;
                if (next == null) {
                    writing = false;
                    return;
                }
            }
            Write write = new Write();
            try {
                session.sendText(next, write);
            } catch (RuntimeException e) {
                write.fail(e);
                return;
            }
            if (!write.senderReturned()) {
                return;
            }
        }
    }

    private void failed() {
        synchronized (this) {
            if (closeCode == null) {
                closeCode = 1006;
            }
            outbox.clear();
            writing = false;
        }
        // the connection is broken; Jetty closes it and reports the close
    }

    /** The completion of one write, which may come before or after {@code sendText} returns. */
    private final class Write implements Callback {
        private static final int PENDING = 0;
        private static final int RETURNED = 1;
        private static final int DONE = 2;
        private final AtomicInteger state = new AtomicInteger(PENDING);

        /** Called by the sender once {@code sendText} returned; true when the write already completed. */
        boolean senderReturned() {
            return !state.compareAndSet(PENDING, RETURNED);
        }

        @Override
        public void succeed() {
            if (!state.compareAndSet(PENDING, DONE)) {
                // the sender has returned and left the rest to this callback
                pump();
            }
        }

        @Override
        public void fail(Throwable cause) {
            state.set(DONE);
            failed();
        }
    }
}
