package io.chatplatform.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatplatform.bench.scenario.GetScenario;
import io.chatplatform.bench.scenario.IdleWebSockets;
import io.chatplatform.bench.scenario.LoginFloodScenario;
import io.chatplatform.bench.scenario.MixedScenario;
import io.chatplatform.bench.scenario.ReadCachedScenario;
import io.chatplatform.bench.scenario.ReadColdScenario;
import io.chatplatform.bench.scenario.RealtimeScenario;
import io.chatplatform.bench.scenario.SendScenario;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code java -jar chat-bench.jar <command> [options]}: the load generator's scenarios, the seeder,
 * the bare ceiling server and the ratio report. {@code help} lists them; docs/benchmarks.md explains
 * them.
 */
public final class BenchMain {

    static final String USAGE = """
            usage: java -jar chat-bench.jar <command> [--option value]...

            load scenarios (against a running service, --url http://127.0.0.1:8000):
              send          N users send to random partners, closed loop
              read-cached   history pages and conversation lists of a warmed set of conversations
              read-cold     history pages spread over 1M+ messages seeded in PostgreSQL
                            (--database-url jdbc:postgresql://... --schema <the service's>; run the service with CHAT_CACHE=off)
              realtime      --connections WebSocket receivers while --users senders POST /send at --rate msg/s
              mixed         all users on WebSocket; reads, sends and mark-read drawn by --mix
              login-flood   --users readers read history, alone and then while --flooders post wrong passwords
              get           GET --path in a closed loop (the bare-endpoint ceiling, or a comparison with wrk)
              idle-ws       --connections idle WebSockets held for --hold; the server's RSS with --server-pid

            common options: --users N (64) --duration 30s --warmup 5s --rate R/s (0: as fast as allowed)
                            --json FILE --label TEXT --client raw|jdk (raw) --timeout 10s --progress 5s
            send:         --content-bytes 80
            read-cached:  --peers 4 --seed-messages 50 --list-ratio 0.2 --limit 50
            read-cold:    --database-url URL --schema S --seed-users 1000 --conversations 5000 --messages 1M
                          --seed-prefix cold --pages newest|mixed --limit 50
            realtime:     --connections 1000 --users 16 (senders) --rate 1000 --connect-rate 500 --drain 10s
                          --server-pid PID --ws-auth header|message --ping-every 60s
                          accounts: --database-url URL --schema S to insert them directly, --jwt-secret S to mint tokens
            mixed:        --users 64 --peers 4 --seed-messages 20 --mix history=70,conversations=15,send=10,read=5
                          (and the realtime options)
            login-flood:  --users 16 (readers) --flooders 32 --flood-rate R/s (0: closed loop) --seed-messages 20 --limit 50

            other commands:
              seed          seed the read-cold data set: --database-url --schema [--migrate] [--layout-json FILE] and the read-cold sizes
              bare-server   the bare Javalin ceiling: --port 8090 --bytes N (GET /page, GET /ws)
              ratios        --ceilings DIR [results.json...]: each figure as a ratio of its ceiling (see ceilings.sh)
            """;

    private static final Set<String> FLAGS = Set.of("migrate", "help");

    private BenchMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
                out.print(USAGE);
                return args.length == 0 ? 2 : 0;
            }
            Options o = Options.parse(args, FLAGS);
            return dispatch(o, out);
        } catch (Options.UsageException e) {
            err.println("chat-bench: " + e.getMessage());
            err.println("(java -jar chat-bench.jar help lists the commands and options)");
            return 2;
        } catch (Exception e) {
            err.println("chat-bench: failed: " + e);
            Throwable cause = e.getCause();
            while (cause != null) {
                err.println("  caused by: " + cause);
                cause = cause.getCause();
            }
            return 1;
        }
    }

    static int dispatch(Options o, PrintStream out) throws Exception {
        switch (o.command()) {
            case "send":
                return scenario(o, out, SendScenario.OPTIONS, SendScenario::run);
            case "read-cached":
                return scenario(o, out, ReadCachedScenario.OPTIONS, ReadCachedScenario::run);
            case "read-cold":
                return scenario(o, out, ReadColdScenario.OPTIONS, ReadColdScenario::run);
            case "realtime":
                return scenario(o, out, RealtimeScenario.OPTIONS, RealtimeScenario::run);
            case "mixed":
                return scenario(o, out, MixedScenario.OPTIONS, MixedScenario::run);
            case "login-flood":
                return scenario(o, out, LoginFloodScenario.OPTIONS, LoginFloodScenario::run);
            case "get":
                return scenario(o, out, GetScenario.OPTIONS, GetScenario::run);
            case "idle-ws":
                return scenario(o, out, IdleWebSockets.OPTIONS, IdleWebSockets::run);
            case "seed":
                return seed(o, out);
            case "bare-server":
                o.requireOnly(Set.copyOf(BareServer.OPTIONS));
                BareServer.start(o);
                Thread.currentThread().join();
                return 0;
            case "ratios":
                return ratios(o, out);
            default:
                throw new Options.UsageException("unknown command " + o.command());
        }
    }

    interface ScenarioRun {
        Result run(Bench bench) throws Exception;
    }

    static int scenario(Options o, PrintStream out, List<String> own, ScenarioRun run) throws Exception {
        Set<String> known = new HashSet<>(Bench.COMMON_OPTIONS);
        known.addAll(own);
        o.requireOnly(known);
        int connections = o.integer("users", 64, 1, 1_000_000) + 16;
        if (!Threads.virtual()) {
            out.println("note: this JVM has no virtual threads (Java " + Runtime.version().feature()
                    + "); virtual users run on platform threads. Run the bench on JDK 21+.");
        }
        try (Bench bench = new Bench(o, out, connections)) {
            Result result = run.run(bench);
            bench.finish(result);
        }
        return 0;
    }

    static int seed(Options o, PrintStream out) throws Exception {
        Set<String> known = new HashSet<>(ReadColdScenario.OPTIONS);
        known.addAll(List.of("migrate", "layout-json", "password"));
        o.requireOnly(known);
        Seeder.Layout layout = Seeder.seed(o.required("database-url"), o.required("schema"), o.flag("migrate"),
                ReadColdScenario.plan(o), o.string("password", "bench-password-1"), out);
        if (o.has("layout-json")) {
            ObjectNode json = Report.JSON.createObjectNode()
                    .put("prefix", layout.prefix())
                    .put("base_user_id", layout.baseUserId())
                    .put("users", layout.users())
                    .put("conversations", layout.conversations())
                    .put("per_conversation", layout.perConversation())
                    .put("base_message_id", layout.baseMessageId());
            Files.writeString(Path.of(o.required("layout-json")), Report.JSON.writeValueAsString(json) + "\n");
        }
        out.printf("layout: users %d..%d, %d conversations of %d messages, message ids from %d%n", layout.baseUserId(),
                layout.userId(layout.users() - 1), layout.conversations(), layout.perConversation(), layout.baseMessageId());
        return 0;
    }

    static int ratios(Options o, PrintStream out) {
        o.requireOnly(Set.of("ceilings", "json"));
        Ceilings ceilings = Ceilings.load(Path.of(o.required("ceilings")));
        out.print(Ratios.ceilingsTable(ceilings));
        List<JsonNode> results = new ArrayList<>();
        for (String file : o.positional()) {
            JsonNode r = Ceilings.json(Path.of(file));
            if (r == null) {
                throw new Options.UsageException("no results file " + file);
            }
            results.add(r);
        }
        if (!results.isEmpty()) {
            out.println();
            out.println("== the service's figures as ratios of the ceilings ==");
            out.print(Ratios.table(Ratios.rows(ceilings, results)));
        }
        o.optional("json").ifPresent(file -> {
            try {
                ObjectNode json = Report.JSON.createObjectNode();
                json.set("ceilings", Report.JSON.valueToTree(ceilings));
                json.set("ratios", Report.JSON.valueToTree(Ratios.rows(ceilings, results)));
                Files.writeString(Path.of(file), Report.JSON.writeValueAsString(json) + "\n");
                out.println("written to " + file);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        return 0;
    }
}
