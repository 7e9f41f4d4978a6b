package io.chatplatform.bench.scenario;

import io.chatplatform.bench.Bench;
import io.chatplatform.bench.BenchMain;
import io.chatplatform.bench.Cli;
import io.chatplatform.bench.Result;
import io.chatplatform.bench.Setup;
import io.chatplatform.bench.Threads;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** A load scenario: the common options, then {@link #run}, then the table and the JSON of its result. */
abstract class Scenario implements Callable<Integer> {

    @Mixin
    Cli.Common common;
    @Spec
    CommandSpec spec;

    abstract Result run(Bench bench, Setup setup) throws Exception;

    @Override
    public Integer call() throws Exception {
        if (!common.url.matches("http://[^/]+.*")) {
            throw usage("--url must be an http URL such as http://127.0.0.1:8000, not " + common.url);
        }
        Bench bench = new Bench(common, spec.commandLine().getOut());
        if (!Threads.virtual()) {
            bench.out().println("note: this JVM has no virtual threads (Java " + Runtime.version().feature()
                    + "); virtual users run on platform threads. Run the bench on JDK 21+.");
        }
        bench.finish(run(bench, new Setup(bench)));
        return 0;
    }

    ParameterException usage(String message) {
        return BenchMain.usage(spec, message);
    }

    /** The content size asked for, the same minimum for every scenario. */
    int contentBytes(Cli.Content content) {
        require(content.bytes >= Cli.Content.MIN_BYTES, "--content-bytes must be " + Cli.Content.MIN_BYTES + " or more");
        return content.bytes;
    }

    void require(boolean condition, String message) {
        if (!condition) {
            throw usage(message);
        }
    }
}
