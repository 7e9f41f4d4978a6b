package io.chatplatform.bench.scenario;

import io.chatplatform.bench.Bench;
import io.chatplatform.bench.Metrics;
import io.chatplatform.bench.Result;
import io.chatplatform.bench.Setup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code get}: every virtual user GETs one path in a closed loop. For the bare-endpoint ceiling
 * (the same load tool as the service's scenarios) and for comparing the bench's HTTP client with
 * wrk on the simplest request there is.
 */
@Command(name = "get", description = "GET --path in a closed loop (the bare-endpoint ceiling, or a comparison with wrk)")
public final class GetScenario extends Scenario {

    @Option(names = "--path", description = "default ${DEFAULT-VALUE}")
    String path = "/";
    @Option(names = "--token", description = "a bearer token to send")
    String token;

    @Override
    Result run(Bench bench, Setup setup) throws InterruptedException {
        Metrics.Op get = bench.metrics().op("get");
        double seconds = bench.run(common.users(64), i -> (ch, start) -> Bench.timed(get, start, () -> ch.get(path, token)),
                common.rate(0), null);
        return bench.result("get", seconds, null, null);
    }
}
