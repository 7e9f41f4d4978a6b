package io.chatplatform.bench.scenario;

import io.chatplatform.bench.Bench;
import io.chatplatform.bench.Bench.Account;
import io.chatplatform.bench.ChatApi;
import io.chatplatform.bench.LoadRunner;
import io.chatplatform.bench.Metrics;
import io.chatplatform.bench.Options;
import io.chatplatform.bench.Result;
import io.chatplatform.bench.http.HttpTransport.Channel;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** {@code send}: every virtual user is an account that sends to random other accounts of the run, closed loop. */
public final class SendScenario {

    public static final List<String> OPTIONS = List.of("content-bytes");

    private SendScenario() {
    }

    public static Result run(Bench bench) throws InterruptedException {
        Options o = bench.options();
        int users = o.integer("users", 64, 2, 100_000);
        int contentChars = o.integer("content-bytes", 80, 16, 4000);
        double rate = o.rate("rate", 0);
        List<Account> accounts = bench.createAccounts(users, "s");
        Metrics.Op send = bench.metrics().op("send");
        AtomicLong counter = new AtomicLong();
        String padding = Content.padding(contentChars);
        double seconds = bench.run(users, i -> new LoadRunner.VirtualUser() {
            final Account me = accounts.get(i);
            final Channel ch = bench.transport().channel();

            @Override
            public void step(long start) {
                Account to = accounts.get(Content.otherThan(i, users, ThreadLocalRandom.current()));
                String content = Content.text("s" + counter.incrementAndGet(), padding, contentChars);
                Bench.timed(send, start, () -> ChatApi.send(ch, me.token(), to.id(), content));
            }

            @Override
            public void close() {
                ch.close();
            }
        }, rate, null);
        return bench.result("send", seconds, bench.measuredCache(), null);
    }
}
