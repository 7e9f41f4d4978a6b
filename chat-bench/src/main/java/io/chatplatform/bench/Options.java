package io.chatplatform.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A command line: {@code <command> [--name value | --name=value | --flag]... [positional]...}.
 * Values are typed on reading ({@link #duration}, {@link #count}, {@link #rate}, ...); a bad value or
 * an option the command does not know is a {@link UsageException} naming it.
 */
public final class Options {

    private final String command;
    private final Map<String, String> values;
    private final List<String> positional;

    private Options(String command, Map<String, String> values, List<String> positional) {
        this.command = command;
        this.values = values;
        this.positional = positional;
    }

    /**
     * Parses {@code args}; {@code flags} are the options that take no value.
     *
     * @throws UsageException when there is no command, or an option that needs a value has none
     */
    public static Options parse(String[] args, Set<String> flags) {
        if (args.length == 0 || args[0].startsWith("-")) {
            throw new UsageException(args.length == 0 ? "no command given" : "the command comes first, before " + args[0]);
        }
        Map<String, String> values = new LinkedHashMap<>();
        List<String> positional = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                positional.add(arg);
                continue;
            }
            String name = arg.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (flags.contains(name)) {
                value = "true";
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new UsageException("--" + name + " needs a value");
            }
            if (values.put(name, value) != null) {
                throw new UsageException("--" + name + " is given twice");
            }
        }
        return new Options(args[0], Collections.unmodifiableMap(values), List.copyOf(positional));
    }

    public String command() {
        return command;
    }

    public List<String> positional() {
        return positional;
    }

    /** Every option given, as given (for the results file). */
    public Map<String, String> given() {
        return values;
    }

    /** Fails naming every option that is not one of {@code known}. */
    public void requireOnly(Set<String> known) {
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new UsageException("unknown option" + (unknown.size() > 1 ? "s" : "") + " for " + command + ": --"
                    + String.join(", --", unknown));
        }
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public Optional<String> optional(String name) {
        return Optional.ofNullable(values.get(name));
    }

    public String string(String name, String defaultValue) {
        return values.getOrDefault(name, defaultValue);
    }

    public String required(String name) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            throw new UsageException("--" + name + " is required for " + command);
        }
        return value;
    }

    public boolean flag(String name) {
        String value = values.get(name);
        if (value == null) {
            return false;
        }
        switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1":
                return true;
            case "false", "no", "off", "0":
                return false;
            default:
                throw new UsageException("--" + name + " is a flag (true or false), not " + value);
        }
    }

    /** A whole number; {@code k} and {@code M} suffixes multiply by 1,000 and 1,000,000; {@code _} and {@code ,} are ignored. */
    public long count(String name, long defaultValue, long min, long max) {
        String text = values.get(name);
        if (text == null) {
            return defaultValue;
        }
        long value = parseCount(text).orElseThrow(() -> new UsageException("--" + name + " must be a whole number"
                + " (e.g. 500, 10k, 1M), not " + text));
        if (value < min || value > max) {
            throw new UsageException("--" + name + " must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }

    public int integer(String name, int defaultValue, int min, int max) {
        return (int) count(name, defaultValue, min, max);
    }

    public double decimal(String name, double defaultValue, double min, double max) {
        String text = values.get(name);
        if (text == null) {
            return defaultValue;
        }
        double value;
        try {
            value = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a number, not " + text);
        }
        if (!(value >= min && value <= max)) {
            throw new UsageException("--" + name + " must be between " + min + " and " + max + ", was " + text);
        }
        return value;
    }

    /** Operations per second; {@code 0} (the default here) means "as fast as allowed". Accepts {@code 1000} or {@code 1000/s}. */
    public double rate(String name, double defaultValue) {
        String text = values.get(name);
        if (text == null) {
            return defaultValue;
        }
        String number = text.trim().toLowerCase(Locale.ROOT);
        if (number.endsWith("/s")) {
            number = number.substring(0, number.length() - 2);
        }
        Optional<Long> whole = parseCount(number);
        double value;
        if (whole.isPresent()) {
            value = whole.get();
        } else {
            try {
                value = Double.parseDouble(number);
            } catch (NumberFormatException e) {
                throw new UsageException("--" + name + " must be a rate per second (e.g. 1000 or 1000/s), not " + text);
            }
        }
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new UsageException("--" + name + " must be 0 or more, was " + text);
        }
        return value;
    }

    public Duration duration(String name, Duration defaultValue) {
        String text = values.get(name);
        if (text == null) {
            return defaultValue;
        }
        return parseDuration(text).orElseThrow(() -> new UsageException("--" + name
                + " must be a duration such as 30s, 500ms, 2m or 1h, not " + text));
    }

    /** {@code 30s}, {@code 500ms}, {@code 2m}, {@code 1h}, {@code 1.5s}; a bare number is seconds. Never negative. */
    public static Optional<Duration> parseDuration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        long unitNanos;
        String number;
        if (t.endsWith("ms")) {
            unitNanos = 1_000_000L;
            number = t.substring(0, t.length() - 2);
        } else if (t.endsWith("s")) {
            unitNanos = 1_000_000_000L;
            number = t.substring(0, t.length() - 1);
        } else if (t.endsWith("m")) {
            unitNanos = 60_000_000_000L;
            number = t.substring(0, t.length() - 1);
        } else if (t.endsWith("h")) {
            unitNanos = 3_600_000_000_000L;
            number = t.substring(0, t.length() - 1);
        } else {
            unitNanos = 1_000_000_000L;
            number = t;
        }
        if (number.isEmpty() || !number.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.')) {
            return Optional.empty();
        }
        try {
            double value = Double.parseDouble(number);
            double nanos = value * unitNanos;
            if (nanos > Long.MAX_VALUE / 2) {
                return Optional.empty();
            }
            return Optional.of(Duration.ofNanos(Math.round(nanos)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static Optional<Long> parseCount(String text) {
        String t = text.trim().replace("_", "").replace(",", "");
        long multiplier = 1;
        if (t.endsWith("k") || t.endsWith("K")) {
            multiplier = 1_000;
            t = t.substring(0, t.length() - 1);
        } else if (t.endsWith("M")) {
            multiplier = 1_000_000;
            t = t.substring(0, t.length() - 1);
        }
        if (t.isEmpty() || !t.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '-')) {
            return Optional.empty();
        }
        try {
            return Optional.of(Math.multiplyExact(Long.parseLong(t), multiplier));
        } catch (NumberFormatException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    /** A mistake on the command line: printed with the usage, exit status 2. */
    public static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public UsageException(String message) {
            super(message);
        }
    }
}
