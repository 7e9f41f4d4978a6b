package io.chatplatform.adapter.postgres;

import io.chatplatform.application.port.out.ChatMetrics;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Reports each statement's duration under the name of its constant in {@link Sql} (a bounded
 * set of names: never the SQL text or its parameters); statements not in the catalogue count as
 * "other".
 */
final class StatementTimer implements SqlLogger {

    private static final Map<String, String> NAMES = names();

    private final ChatMetrics metrics;

    StatementTimer(ChatMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public void logAfterExecution(StatementContext context) {
        report(context);
    }

    @Override
    public void logException(StatementContext context, java.sql.SQLException ex) {
        report(context);
    }

    private void report(StatementContext context) {
        if (context.getExecutionMoment() == null) {
            return;
        }
        var end = context.getCompletionMoment() != null ? context.getCompletionMoment() : context.getExceptionMoment();
        if (end == null) {
            return;
        }
        metrics.statement(nameOf(context.getRawSql()), Duration.between(context.getExecutionMoment(), end));
    }

    /** The catalogue name of a statement's SQL, or "other". */
    static String nameOf(String sql) {
        return NAMES.getOrDefault(sql, "other");
    }

    private static Map<String, String> names() {
        Map<String, String> names = new HashMap<>();
        for (Field field : Sql.class.getDeclaredFields()) {
            if (field.getType() == String.class && Modifier.isStatic(field.getModifiers())
                    && !field.getName().endsWith("_COLUMNS")) {
                try {
                    field.setAccessible(true);
                    names.putIfAbsent((String) field.get(null), field.getName());
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot read " + field, e);
                }
            }
        }
        return Map.copyOf(names);
    }
}
