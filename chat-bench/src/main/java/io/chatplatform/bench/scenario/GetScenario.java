package io.chatplatform.bench.scenario;

import io.chatplatform.bench.Bench;
import io.chatplatform.bench.LoadRunner;
import io.chatplatform.bench.Metrics;
import io.chatplatform.bench.Options;
import io.chatplatform.bench.Result;
import io.chatplatform.bench.http.HttpTransport.Channel;
import java.util.List;

/**
 * {@code get}: every virtual user GETs one path in a closed loop. For the bare-endpoint ceiling
 * (the same load tool as the service's scenarios) and for comparing the bench's HTTP clients with
 * wrk on the simplest request there is.
 */
public final class GetScenario {

    public static final List<String> OPTIONS = List.of("path", "token");

    private GetScenario() {
    }

    public static Result run(Bench bench) throws InterruptedException {
        Options o = bench.options();
        int users = o.integer("users", 64, 1, 100_000);
        String path = o.string("path", "/");
        String token = o.optional("token").orElse(null);
        double rate = o.rate("rate", 0);
        Metrics.Op get = bench.metrics().op("get");
        double seconds = bench.run(users, i -> new LoadRunner.VirtualUser() {
            final Channel ch = bench.transport().channel();

            @Override
            public void step(long start) {
                Bench.timed(get, start, () -> ch.get(path, token));
            }

            @Override
            public void close() {
                ch.close();
            }
        }, rate, null);
        return bench.result("get", seconds, null, null);
    }
}
