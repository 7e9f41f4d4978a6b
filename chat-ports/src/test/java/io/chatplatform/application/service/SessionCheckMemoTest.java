package io.chatplatform.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatplatform.application.fixtures.MutableClock;
import io.chatplatform.domain.session.SessionId;
import io.chatplatform.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SessionCheckMemoTest {

    private static final UserId ALICE = UserId.of(1);
    private static final SessionId PHONE = SessionId.of(10);
    private static final SessionId LAPTOP = SessionId.of(11);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T10:00:00Z"));
    private final AtomicInteger asked = new AtomicInteger();
    private final AtomicBoolean active = new AtomicBoolean(true);

    private boolean check(SessionCheckMemo memo, SessionId session) {
        return memo.isActive(ALICE, session, () -> {
            asked.incrementAndGet();
            return active.get();
        });
    }

    @Test
    @DisplayName("an answer is reused for the window, then the store is asked again and its new answer counts")
    void reused_within_the_window_only() {
        SessionCheckMemo memo = new SessionCheckMemo(Duration.ofMillis(500), clock);
        assertThat(check(memo, PHONE)).isTrue();
        active.set(false); // ended on another instance
        clock.advance(Duration.ofMillis(499));
        assertThat(check(memo, PHONE)).as("still this instance's recent answer").isTrue();
        assertThat(asked).hasValue(1);
        clock.advance(Duration.ofMillis(1));
        assertThat(check(memo, PHONE)).as("the window is over: asked again").isFalse();
        assertThat(asked).hasValue(2);
    }

    @Test
    @DisplayName("an ending made here is forgotten at once; other sessions keep their answers")
    void forget_drops_the_answer_at_once() {
        SessionCheckMemo memo = new SessionCheckMemo(Duration.ofMillis(500), clock);
        check(memo, PHONE);
        check(memo, LAPTOP);
        active.set(false);
        memo.forget(ALICE, List.of(PHONE));
        assertThat(check(memo, PHONE)).isFalse();
        assertThat(check(memo, LAPTOP)).as("not ended here: its answer stands for its window").isTrue();
        assertThat(asked).hasValue(3);
    }

    @Test
    @DisplayName("a window of zero asks the store on every check")
    void zero_asks_every_time() {
        SessionCheckMemo memo = new SessionCheckMemo(Duration.ZERO, clock);
        check(memo, PHONE);
        check(memo, PHONE);
        assertThat(asked).hasValue(2);
    }

    @Test
    @DisplayName("a clock that went back does not stretch an answer's life")
    void clock_going_back_asks_again() {
        SessionCheckMemo memo = new SessionCheckMemo(Duration.ofMillis(500), clock);
        check(memo, PHONE);
        clock.advance(Duration.ofMillis(-100));
        check(memo, PHONE);
        assertThat(asked).hasValue(2);
    }
}
