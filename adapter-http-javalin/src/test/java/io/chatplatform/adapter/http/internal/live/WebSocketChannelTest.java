package io.chatplatform.adapter.http.internal.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatplatform.application.port.out.ClientChannel.Pong;
import io.chatplatform.domain.realtime.CloseReason;
import java.lang.reflect.Proxy;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("WebSocketChannel: the outbox of one connection")
class WebSocketChannelTest {

    /** A Jetty session that records writes and completes them when told, or at once. */
    private static final class FakeSession {
        final List<String> written = new ArrayList<>();
        final List<Callback> pending = new ArrayList<>();
        final List<String> closes = new ArrayList<>();
        boolean completeAtOnce;
        Duration idleTimeout = Duration.ofMinutes(5);
        final Session session = (Session) Proxy.newProxyInstance(Session.class.getClassLoader(),
                new Class<?>[] {Session.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "sendText" -> {
                            written.add((String) args[0]);
                            if (completeAtOnce) {
                                ((Callback) args[1]).succeed();
                            } else {
                                pending.add((Callback) args[1]);
                            }
                        }
                        case "close" -> closes.add(args[0] + " " + args[1]);
                        case "getIdleTimeout" -> {
                            return idleTimeout;
                        }
                        case "setIdleTimeout" -> idleTimeout = (Duration) args[0];
                        case "hashCode" -> {
                            return System.identityHashCode(proxy);
                        }
                        case "equals" -> {
                            return proxy == args[0];
                        }
                        default -> throw new UnsupportedOperationException(method.getName());
                    }
                    return null;
                });

        /** Completes the oldest write in flight. */
        void complete() {
            pending.remove(0).succeed();
        }
    }

    @Test
    @DisplayName("one frame is in flight at a time; the next goes out when it completes, in order")
    void oneInFlight() {
        FakeSession fake = new FakeSession();
        WebSocketChannel channel = new WebSocketChannel(fake.session, 10);

        assertThat(channel.offer("a")).isTrue();
        assertThat(channel.offer("b")).isTrue();
        assertThat(channel.offer("c")).isTrue();

        assertThat(fake.written).containsExactly("a");
        assertThat(channel.queued()).isEqualTo(2);
        fake.complete();
        assertThat(fake.written).containsExactly("a", "b");
        fake.complete();
        fake.complete();
        assertThat(fake.written).containsExactly("a", "b", "c");
        assertThat(channel.queued()).isZero();
        assertThat(fake.pending).isEmpty();
        assertThat(channel.offer("d")).isTrue();
        assertThat(fake.written).containsExactly("a", "b", "c", "d");
    }

    @Test
    @DisplayName("offering to a full outbox answers false without blocking or queueing")
    void bounded() {
        FakeSession fake = new FakeSession();
        WebSocketChannel channel = new WebSocketChannel(fake.session, 2);

        assertThat(channel.offer("in flight")).isTrue();
        assertThat(channel.offer("1")).isTrue();
        assertThat(channel.offer("2")).isTrue();
        assertThat(channel.offer("3")).isFalse();

        assertThat(channel.queued()).isEqualTo(2);
        fake.complete();
        assertThat(channel.offer(new Pong())).isTrue();
        assertThat(channel.queued()).isEqualTo(2);
    }

    @Test
    @DisplayName("writes that complete at once are looped, not recursed: a long queue does not grow the stack")
    void synchronousCompletion() {
        FakeSession fake = new FakeSession();
        WebSocketChannel channel = new WebSocketChannel(fake.session, 200_000);
        channel.offer("first");
        for (int i = 0; i < 100_000; i++) {
            channel.offer("frame " + i);
        }
        fake.completeAtOnce = true;

        fake.complete();

        assertThat(fake.written).hasSize(100_001).endsWith("frame 99999");
        assertThat(channel.queued()).isZero();
    }

    @Test
    @DisplayName("closing drops what is queued, refuses further frames and counts only once")
    void close() {
        FakeSession fake = new FakeSession();
        WebSocketChannel channel = new WebSocketChannel(fake.session, 10);
        channel.offer("a");
        channel.offer("b");

        channel.close(CloseReason.TOO_SLOW);
        channel.close(CloseReason.TOKEN_EXPIRED);
        fake.complete();

        assertThat(fake.closes).containsExactly("1008 too slow: the server's queue for this connection is full");
        assertThat(fake.written).containsExactly("a");
        assertThat(channel.closing()).isTrue();
        assertThat(channel.closeCode()).isEqualTo(1008);
        assertThat(channel.offer("c")).isFalse();
        assertThat(fake.idleTimeout).as("a peer that does not read the close is dropped soon")
                .isEqualTo(WebSocketChannel.CLOSE_GRACE);
    }

    @Test
    @DisplayName("a write that fails (the connection broke) drops the queue; nothing more is written")
    void failedWrite() {
        FakeSession fake = new FakeSession();
        WebSocketChannel channel = new WebSocketChannel(fake.session, 10);
        channel.offer("a");
        channel.offer("b");

        fake.pending.remove(0).fail(new ClosedChannelException());

        assertThat(channel.closing()).isTrue();
        assertThat(channel.queued()).isZero();
        assertThat(channel.offer("c")).isFalse();
        assertThat(fake.written).containsExactly("a");
    }

    @Test
    @DisplayName("a session that throws on write is treated as a failed write")
    void throwingWrite() {
        FakeSession fake = new FakeSession();
        Session throwing = (Session) Proxy.newProxyInstance(Session.class.getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> {
                    throw new IllegalStateException("closed");
                });
        WebSocketChannel channel = new WebSocketChannel(throwing, 10);

        assertThat(channel.offer("a")).isTrue();

        assertThat(channel.closing()).isTrue();
        assertThat(fake.written).isEmpty();
    }
}
