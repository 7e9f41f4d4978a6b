package io.chatplatform.bench.scenario;

import io.chatplatform.bench.Bench;
import io.chatplatform.bench.Cli;
import io.chatplatform.bench.Result;
import io.chatplatform.bench.Setup;
import io.chatplatform.bench.live.LiveConnections;
import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code idle-ws}: opens {@code --connections} WebSockets that only wait, holds them for
 * {@code --hold}, and reports the server's resident memory before and with them
 * ({@code --server-pid}). With {@code --token} every connection authenticates with it; against the
 * bare server none is needed.
 */
@Command(name = "idle-ws", description = "--connections idle WebSockets held for --hold; the server's RSS with --server-pid")
public final class IdleWebSockets extends Scenario {

    @Option(names = "--connections", description = "default ${DEFAULT-VALUE}")
    int connections = 5000;
    @Option(names = "--hold", description = "default ${DEFAULT-VALUE}")
    Duration hold = Duration.ofSeconds(5);
    @Option(names = "--token", description = "a bearer token for every connection")
    String token;
    @Mixin
    Cli.Live live;

    @Override
    Result run(Bench bench, Setup setup) throws Exception {
        Long before = live.serverRss();
        try (LiveConnections open = RealtimeScenario.connect(bench, live, Collections.nCopies(connections, token), null, null)) {
            Thread.sleep(hold.toMillis());
            Long connected = live.serverRss();
            int n = open.open().size();
            if (before != null && connected != null && n > 0) {
                bench.note(String.format(Locale.ROOT, "server RSS grew by %.1f KiB per open connection",
                        (connected - before) / 1024.0 / n));
            }
            return bench.result("idle-ws", hold.toMillis() / 1000.0, null, open.realtime(null, before, connected),
                    open.connectOperation());
        }
    }
}
