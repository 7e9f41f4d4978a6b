package io.chatplatform.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Who may connect to the embedded PostgreSQL: a client that knows the generated password
 * ({@code CHAT_DATA_DIR/postgres-password}), over TCP on 127.0.0.1, and nobody else. The server
 * has no Unix socket (its {@code unix_socket_directories} is empty), and {@code pg_hba.conf} has
 * one line, {@code scram-sha-256}, so a local account without the password cannot log in, let
 * alone run {@code COPY ... TO PROGRAM} as the superuser.
 *
 * <p>Applied before every start, while no server runs: {@code pg_hba.conf} is rewritten and the
 * superuser's password set in single-user mode. A data directory that an earlier version made
 * (its {@code pg_hba.conf} trusted every local connection) is thus locked down before it listens
 * again, there is no moment when a fresh one listens with trust, and the password file is the one
 * truth: replace or delete it and the next start applies the new one.
 */
final class PostgresAccess {

    static final String SUPERUSER = "postgres";
    static final String PG_HBA = """
            # Written by Chat Platform before every start of its embedded PostgreSQL: edits are overwritten.
            # Only the service, with the password in CHAT_DATA_DIR/postgres-password, over TCP on 127.0.0.1.
            # TYPE  DATABASE  USER  ADDRESS       METHOD
            host    all       all   127.0.0.1/32  scram-sha-256
            """;
    private static final Duration SINGLE_USER_WAIT = Duration.ofSeconds(120);

    private PostgresAccess() {
    }

    /** Gives the superuser {@code password} and allows password logins over loopback TCP only. */
    static void lockDown(Path pgData, String password, PostgresBinaries binaries) {
        if (password.contains("\n") || password.contains("\r")) {
            throw new IllegalStateException("the embedded PostgreSQL's password must be one line");
        }
        // single-user mode reads one statement per line; exit_on_error makes a failed statement a failed run.
        // The server hashes the password (SCRAM); a failed statement is echoed to the output, hence the masking.
        String statement = "ALTER ROLE " + SUPERUSER + " WITH PASSWORD '" + password.replace("'", "''") + "';\n";
        PostgresBinaries.Result result = binaries.run(SINGLE_USER_WAIT, statement, "postgres", List.of("--single",
                "-D", pgData.toString(), "-c", "exit_on_error=on", "-c", "password_encryption=scram-sha-256", "postgres"));
        if (result.exitCode() != 0) {
            throw new IllegalStateException("could not set the embedded PostgreSQL's password in " + pgData
                    + " (single-user mode exited with " + result.exitCode() + "): "
                    + result.output().replace(password, "***").strip());
        }
        try {
            OwnerOnly.writeAtomically(pgData.resolve("pg_hba.conf"), PG_HBA);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + pgData.resolve("pg_hba.conf"), e);
        }
    }
}
