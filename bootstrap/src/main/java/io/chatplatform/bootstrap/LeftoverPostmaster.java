package io.chatplatform.bootstrap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What to do, before the embedded PostgreSQL starts, about the {@code postmaster.pid} that a
 * previous run left in its data directory.
 *
 * <p>PostgreSQL runs detached from the JVM (pg_ctl starts it in the background) and outlives a
 * service that is killed (SIGKILL, the OOM killer), still holding its data directory. The service
 * that calls this holds {@link DataDirectoryLock}, so no live service runs that PostgreSQL any
 * more: a live postmaster of this data directory is an orphan. It is stopped with a fast
 * shutdown (its sessions died with the JVM; it checkpoints and exits cleanly), and the start goes
 * on. A {@code postmaster.pid} naming some other live program (its pid reused after a reboot or a
 * container restart) is stale and removed, since PostgreSQL would not start over it. A process
 * that cannot be told apart is left alone and the start refused, naming it.
 */
final class LeftoverPostmaster {

    private static final Logger LOG = LoggerFactory.getLogger(LeftoverPostmaster.class);
    static final String PID_FILE = "postmaster.pid";
    private static final Duration STOP_WAIT = Duration.ofSeconds(60);

    /** What the process a {@code postmaster.pid} names is. */
    enum Kind {
        /** a postmaster serving this data directory */
        ORPHAN,
        /** a live process that is not this data directory's postmaster */
        UNRELATED,
        /** alive, but its program or working directory cannot be read */
        UNKNOWN
    }

    private LeftoverPostmaster() {
    }

    /** Makes sure no process holds {@code pgData} and no stale {@code postmaster.pid} blocks the start. */
    static void clear(Path pgData, PostgresBinaries binaries) {
        Path pidFile = pgData.resolve(PID_FILE);
        Optional<ProcessHandle> named = namedProcess(pidFile).filter(ProcessHandle::isAlive);
        if (named.isEmpty()) {
            return; // no file, or its process is gone (PostgreSQL or the machine crashed): PostgreSQL recovers by itself
        }
        ProcessHandle process = named.get();
        switch (classify(process, pgData)) {
            case ORPHAN -> stop(process, pgData, binaries);
            case UNRELATED -> {
                LOG.warn("{} names pid {}, which is not this data directory's PostgreSQL ({}); removing the stale file", pidFile,
                        process.pid(), process.info().command().orElse("?"));
                delete(pidFile);
            }
            case UNKNOWN -> throw new IllegalStateException(pidFile + " names pid " + process.pid() + ", which is running but "
                    + "cannot be identified; if it is the embedded PostgreSQL of this CHAT_DATA_DIR, stop it "
                    + "(kill -INT " + process.pid() + "), else delete " + pidFile);
        }
    }

    /**
     * Whether {@code process} is a postmaster of {@code pgData}: its program is {@code postgres},
     * and (on Linux) its working directory, where PostgreSQL moves at start, is {@code pgData},
     * or (elsewhere) its {@code -D} argument names it.
     */
    static Kind classify(ProcessHandle process, Path pgData) {
        Optional<String> command = process.info().command();
        if (command.isEmpty()) {
            return Kind.UNKNOWN;
        }
        // "postgres", "postgres.exe", or "postgres (deleted)" when its programs were removed since
        if (!Path.of(command.get()).getFileName().toString().startsWith("postgres")) {
            return Kind.UNRELATED;
        }
        if (Files.isDirectory(Path.of("/proc/self/cwd"))) {
            return sameFile(Path.of("/proc", Long.toString(process.pid()), "cwd"), pgData);
        }
        List<String> arguments = List.of(process.info().arguments().orElse(new String[0]));
        int flag = arguments.indexOf("-D");
        if (flag < 0 || flag + 1 >= arguments.size()) {
            return Kind.UNKNOWN;
        }
        return sameFile(Path.of(arguments.get(flag + 1)), pgData);
    }

    private static void stop(ProcessHandle process, Path pgData, PostgresBinaries binaries) {
        LOG.warn("the embedded PostgreSQL of this CHAT_DATA_DIR is still running (pid {}), left behind by a service "
                + "that did not stop cleanly; stopping it", process.pid());
        PostgresBinaries.Result result = binaries.run(STOP_WAIT.plusSeconds(5), null, "pg_ctl",
                List.of("stop", "-D", pgData.toString(), "-m", "fast", "-w", "-t", Long.toString(STOP_WAIT.toSeconds())));
        // pg_ctl waited for the postmaster to remove its pid file; its exit follows at once (onExit() would
        // poll a process that is not our child every 300 ms and more)
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (process.isAlive()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("could not stop the embedded PostgreSQL left running in " + pgData + " (pid "
                        + process.pid() + "): pg_ctl stop said: " + result.output().strip());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while stopping pid " + process.pid(), e);
            }
        }
        LOG.info("stopped the embedded PostgreSQL left running (pid {})", process.pid());
    }

    private static Optional<ProcessHandle> namedProcess(Path pidFile) {
        String firstLine;
        try {
            firstLine = Files.readAllLines(pidFile, StandardCharsets.UTF_8).stream().findFirst().orElse("").strip();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new IllegalStateException("could not read " + pidFile, e);
        }
        try {
            // a negative pid marks a single-user backend; it names a process all the same
            return ProcessHandle.of(Math.abs(Long.parseLong(firstLine)));
        } catch (NumberFormatException e) {
            return Optional.empty(); // not a pid file PostgreSQL would trust either; it replaces it
        }
    }

    private static Kind sameFile(Path directory, Path pgData) {
        try {
            return Files.isSameFile(directory, pgData) ? Kind.ORPHAN : Kind.UNRELATED;
        } catch (IOException e) {
            return Kind.UNKNOWN; // another user's process, or a path that no longer resolves
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new IllegalStateException("could not delete the stale " + file, e);
        }
    }
}
