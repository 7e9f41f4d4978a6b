package io.chatplatform.bench.scenario;

import io.chatplatform.bench.Bench;
import io.chatplatform.bench.Options;
import io.chatplatform.bench.Result;
import io.chatplatform.bench.live.LiveConnections;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code idle-ws}: opens {@code --connections} WebSockets that only wait, holds them for
 * {@code --hold}, and reports the server's resident memory before and with them
 * ({@code --server-pid}). With {@code --token} every connection authenticates with it; against the
 * bare server none is needed.
 */
public final class IdleWebSockets {

    public static final List<String> OPTIONS = List.of("connections", "hold", "server-pid", "connect-rate", "ws-path",
            "ws-auth", "token");

    private IdleWebSockets() {
    }

    public static Result run(Bench bench) throws Exception {
        Options o = bench.options();
        int n = o.integer("connections", 5000, 1, 1_000_000);
        Duration hold = o.duration("hold", Duration.ofSeconds(5));
        String token = o.optional("token").orElse(null);
        Long before = RealtimeScenario.serverRss(o);
        List<String> tokens = new ArrayList<>(Collections.nCopies(n, token));
        try (LiveConnections live = RealtimeScenario.connect(bench, tokens, null)) {
            Thread.sleep(hold.toMillis());
            Long connected = RealtimeScenario.serverRss(o);
            if (before != null && connected != null && live.open().size() > 0) {
                bench.note(String.format(java.util.Locale.ROOT, "server RSS grew by %.1f KiB per open connection",
                        (connected - before) / 1024.0 / live.open().size()));
            }
            Result.Realtime realtime = new Result.Realtime(n, live.open().size(), live.failures(), live.connectSeconds(),
                    live.dropped(), 0, 0, 0, 0, 0, 0, 0, 0, 0, before, connected);
            return bench.withOperation(bench.result("idle-ws", hold.toMillis() / 1000.0, null, realtime),
                    live.connectOperation());
        }
    }
}
