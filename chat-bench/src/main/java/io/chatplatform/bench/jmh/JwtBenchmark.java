package io.chatplatform.bench.jmh;

import io.chatplatform.application.port.out.AccessTokens;
import io.chatplatform.bootstrap.security.JwtAccessTokens;
import io.chatplatform.domain.session.SessionId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The service's access tokens (bootstrap's {@code JwtAccessTokens}, HS256): verifying one, as every request does, and issuing one. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class JwtBenchmark {

    private static final SessionId SESSION = SessionId.of(1);

    private JwtAccessTokens tokens;
    private String token;
    private Instant now;

    @Setup
    public void setUp() {
        tokens = new JwtAccessTokens("benchmark-secret-of-at-least-32-bytes!!", Duration.ofMinutes(60));
        now = Instant.now();
        token = tokens.issue(Fixtures.ALICE, SESSION, now).value();
    }

    @Benchmark
    public Optional<AccessTokens.Grant> verify() {
        return tokens.verify(token, now);
    }

    @Benchmark
    public String issue() {
        return tokens.issue(Fixtures.ALICE, SESSION, now).value();
    }
}
