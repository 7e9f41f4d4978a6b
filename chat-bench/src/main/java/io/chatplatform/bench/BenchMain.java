package io.chatplatform.bench;

import io.chatplatform.bench.scenario.GetScenario;
import io.chatplatform.bench.scenario.IdleWebSockets;
import io.chatplatform.bench.scenario.LoginFloodScenario;
import io.chatplatform.bench.scenario.MixedScenario;
import io.chatplatform.bench.scenario.ReadCachedScenario;
import io.chatplatform.bench.scenario.ReadColdScenario;
import io.chatplatform.bench.scenario.RealtimeScenario;
import io.chatplatform.bench.scenario.SendScenario;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code java -jar chat-bench.jar <command> [options]}: the load generator's scenarios, the seeder,
 * the bare ceiling server, the pgbench scripts and the ratio report. {@code help} lists them,
 * {@code help <command>} its options; docs/benchmarks.md explains them.
 */
@Command(name = "chat-bench", mixinStandardHelpOptions = true, versionProvider = BenchMain.Version.class,
        description = "Load generator and ceilings of the Chat Platform (docs/benchmarks.md).",
        subcommands = {SendScenario.class, ReadCachedScenario.class, ReadColdScenario.class, RealtimeScenario.class,
                MixedScenario.class, LoginFloodScenario.class, GetScenario.class, IdleWebSockets.class, Seeder.Command.class,
                BareServer.class, Ratios.Command.class, PgbenchScripts.class, CommandLine.HelpCommand.class})
public final class BenchMain implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, OutputStream out, OutputStream err) {
        CommandLine cl = Cli.withUnits(new CommandLine(new BenchMain()));
        PrintWriter errors = new PrintWriter(err, true, StandardCharsets.UTF_8);
        cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8)).setErr(errors);
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            errors.println("chat-bench: failed: " + e);
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                errors.println("  caused by: " + cause);
            }
            return 1;
        });
        return cl.execute(args);
    }

    /** Without a command: the usage, and status 2. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 2;
    }

    /** A mistake on the command line found after parsing: printed with the usage, status 2. */
    public static CommandLine.ParameterException usage(CommandSpec spec, String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"chat-bench " + BenchMain.class.getPackage().getImplementationVersion()};
        }
    }
}
