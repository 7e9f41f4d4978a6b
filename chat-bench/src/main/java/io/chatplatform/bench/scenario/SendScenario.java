package io.chatplatform.bench.scenario;

import io.chatplatform.bench.Bench;
import io.chatplatform.bench.ChatApi;
import io.chatplatform.bench.Cli;
import io.chatplatform.bench.Metrics;
import io.chatplatform.bench.Result;
import io.chatplatform.bench.Setup.Account;
import io.chatplatform.bench.Setup;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code send}: every virtual user is an account that sends to random other accounts of the run, closed loop. */
@Command(name = "send", description = "N users send to random partners, closed loop")
public final class SendScenario extends Scenario {

    @Mixin
    Cli.Content content;

    @Override
    Result run(Bench bench, Setup setup) throws Exception {
        int users = common.users(64);
        require(users >= 2, "--users must be 2 or more");
        int bytes = contentBytes(content);
        List<Account> accounts = setup.accounts(users, "s", null);
        Metrics.Op send = bench.metrics().op("send");
        AtomicLong counter = new AtomicLong();
        String padding = Setup.padding(bytes);
        double seconds = bench.run(users, i -> (ch, start) -> {
            Account to = accounts.get(Setup.otherThan(i, users, ThreadLocalRandom.current()));
            String text = Setup.text("s" + counter.incrementAndGet(), padding, bytes);
            Bench.timed(send, start, () -> ChatApi.send(ch, accounts.get(i).token(), to.id(), text));
        }, common.rate(0), null);
        return bench.result("send", seconds, bench.measuredCache(), null);
    }
}
