package io.chatplatform.bench;

import io.chatplatform.domain.limit.MessageChangeLimits;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * The option groups the commands share (picocli mixins), and the units the command line accepts:
 * durations ({@code 30s}, {@code 500ms}, {@code 2m}, {@code 1h}; a bare number is seconds), counts
 * ({@code 10k}, {@code 1M}, {@code 1_000}) and rates ({@code 1000} or {@code 1000/s}).
 */
public final class Cli {

    private Cli() {
    }

    /** Options of every load scenario. {@code users} and {@code rate} are null when not given: each scenario has its default. */
    public static final class Common {
        @Spec(Spec.Target.MIXEE)
        CommandSpec spec;
        @Option(names = "--url", description = "the service (default ${DEFAULT-VALUE})")
        public String url = "http://127.0.0.1:8000";
        @Option(names = "--users", description = "virtual users (scenario's default: 64 for most)")
        public Integer users;
        @Option(names = "--duration", description = "the measured phase (default ${DEFAULT-VALUE})")
        public Duration duration = Duration.ofSeconds(30);
        @Option(names = "--warmup", description = "before it, figures discarded (default ${DEFAULT-VALUE})")
        public Duration warmup = Duration.ofSeconds(5);
        @Option(names = "--rate", description = "operations per second over all users; 0 = closed loop")
        public Double rate;
        @Option(names = "--json", description = "write the results as JSON to this file")
        public String json;
        @Option(names = "--label", description = "stored in the JSON (e.g. the commit id)")
        public String label;
        @Option(names = "--client", hidden = true, description = "only raw (the JDK client was removed: too slow)")
        public Client client = Client.raw;
        @Option(names = "--timeout", description = "per request (default ${DEFAULT-VALUE})")
        public Duration timeout = Duration.ofSeconds(10);
        @Option(names = "--progress", description = "interval of the progress lines (default ${DEFAULT-VALUE})")
        public Duration progress = Duration.ofSeconds(5);
        @Option(names = "--password", description = "the password of the bench's accounts")
        public String password = "bench-password-1";

        public int users(int defaultUsers) {
            return users == null ? defaultUsers : users;
        }

        public double rate(double defaultRate) {
            return rate == null ? defaultRate : rate;
        }

        /** Every option given, as given, for the results file (the password left out, database passwords masked). */
        Map<String, String> given() {
            Map<String, String> given = new LinkedHashMap<>();
            for (OptionSpec o : spec.commandLine().getParseResult().matchedOptions()) {
                String name = o.longestName().substring(2);
                String value = o.originalStringValues().isEmpty() ? "true" : String.join(",", o.originalStringValues());
                if (!name.equals("password")) {
                    given.put(name, name.contains("database-url") ? redactUrl(value) : value);
                }
            }
            return given;
        }
    }

    /** The one HTTP client kept; the option stays so that older command lines still run. */
    public enum Client { raw }

    /** Where the service keeps its data, for seeding straight into its tables. */
    public static final class Database {
        @Option(names = "--database-url", description = "jdbc:postgresql://... of the service's database")
        public String url;
        @Option(names = "--schema", description = "the service's schema (CHAT_DATABASE_SCHEMA)")
        public String schema;
    }

    /** How the scenarios that make many accounts make them fast. */
    public static final class Accounts {
        @CommandLine.Mixin
        public Database database = new Database();
        @Option(names = "--jwt-secret", description = "the service's CHAT_JWT_SECRET: tokens minted here, no logins")
        public String jwtSecret;
    }

    /** The size of the messages the scenarios send. */
    public static final class Content {
        /** Room for the realtime scenarios' {@code t=<nanoTime>} mark and some text: every scenario's minimum. */
        public static final int MIN_BYTES = 32;
        @Option(names = "--content-bytes", description = "characters per message, " + MIN_BYTES + " or more (default ${DEFAULT-VALUE})")
        public int bytes = 80;
    }

    /**
     * How the scenarios change messages (issue 11): edits ({@code PATCH /messages/{id}}) and
     * reactions ({@code PUT} and {@code DELETE /messages/{id}/reactions/{emoji}}).
     */
    public static final class Changes {
        @Option(names = "--edit-fraction", description = "of the changes, the share that are edits; the rest are"
                + " reactions (default ${DEFAULT-VALUE})")
        public double editFraction = 0.3;
        @Option(names = "--emoji", description = "the reaction added and taken back (default ${DEFAULT-VALUE})")
        public String emoji = "\uD83D\uDC4D";
        @Option(names = "--max-edits", description = "edits of one message at most: the service's edit_versions"
                + " (default ${DEFAULT-VALUE})")
        public int maxEdits = MessageChangeLimits.DEFAULT_EDIT_VERSIONS;

        /** Checks the options; the problem, or null when there is none. */
        public String problem() {
            if (editFraction < 0 || editFraction > 1) {
                return "--edit-fraction must be between 0 and 1, not " + editFraction;
            }
            if (emoji == null || emoji.isBlank()) {
                return "--emoji must be an emoji";
            }
            if (maxEdits < 1) {
                return "--max-edits must be at least 1";
            }
            return null;
        }
    }

    /** WebSocket receivers: how they connect and are kept open. */
    public static final class Live {
        @Option(names = "--connect-rate", description = "new WebSockets per second at most (default ${DEFAULT-VALUE})")
        public double connectRate = 500;
        @Option(names = "--drain", description = "how long to wait for stragglers after the run (default ${DEFAULT-VALUE})")
        public Duration drain = Duration.ofSeconds(10);
        @Option(names = "--server-pid", description = "the service's pid, for its RSS")
        public Long serverPid;
        @Option(names = "--ws-path", description = "default ${DEFAULT-VALUE}")
        public String path = "/ws";
        @Option(names = "--ws-auth", description = "header or message (default ${DEFAULT-VALUE})")
        public WsAuth auth = WsAuth.header;
        @Option(names = "--ping-every", description = "ping interval (default ${DEFAULT-VALUE})")
        public Duration pingEvery = Duration.ofSeconds(60);

        /** The service's resident memory now, or null without {@code --server-pid}. */
        public Long serverRss() {
            return serverPid == null ? null : ProcessMemory.rss(serverPid);
        }
    }

    /** How a WebSocket authenticates: the handshake's Authorization header, or a first {@code auth} message. */
    public enum WsAuth { header, message }

    /** Registers the units above for every command. */
    static CommandLine withUnits(CommandLine cl) {
        CommandLine.ITypeConverter<Integer> integer = s -> Math.toIntExact(count(s));
        CommandLine.ITypeConverter<Double> rate = Cli::rate;
        return cl.registerConverter(Duration.class, Cli::duration)
                .registerConverter(Integer.class, integer).registerConverter(int.class, integer)
                .registerConverter(Long.class, Cli::count).registerConverter(long.class, Cli::count)
                .registerConverter(Double.class, rate).registerConverter(double.class, rate)
                .setCaseInsensitiveEnumValuesAllowed(true);
    }

    private static final Pattern DURATION = Pattern.compile("([0-9]+(?:\\.[0-9]*)?)(ms|s|m|h)?");

    /** {@code 30s}, {@code 500ms}, {@code 2m}, {@code 1h}, {@code 1.5s}; a bare number is seconds; never negative. */
    public static Duration duration(String text) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new CommandLine.TypeConversionException("not a duration such as 30s, 500ms, 2m or 1h: " + text);
        }
        long unit = m.group(2) == null ? 1_000_000_000L : switch (m.group(2)) {
            case "ms" -> 1_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> 1_000_000_000L;
        };
        return Duration.ofNanos(Math.round(Double.parseDouble(m.group(1)) * unit));
    }

    /** A whole number; {@code k} and {@code M} multiply by 1,000 and 1,000,000; {@code _} and {@code ,} are ignored. */
    public static long count(String text) {
        String t = text.trim().replace("_", "").replace(",", "");
        long multiplier = t.endsWith("k") || t.endsWith("K") ? 1_000 : t.endsWith("M") ? 1_000_000 : 1;
        if (multiplier > 1) {
            t = t.substring(0, t.length() - 1);
        }
        try {
            return Math.multiplyExact(Long.parseLong(t), multiplier);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new CommandLine.TypeConversionException("not a whole number (e.g. 500, 10k, 1M): " + text);
        }
    }

    /** Per second: {@code 1000}, {@code 1k}, {@code 1000/s} or {@code 0.5}; never negative. */
    public static double rate(String text) {
        String t = text.trim().replaceAll("/s$", "");
        double value;
        try {
            value = t.matches(".*[kKM]") ? count(t) : Double.parseDouble(t.replace("_", ""));
        } catch (RuntimeException e) {
            value = -1;
        }
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new CommandLine.TypeConversionException("not a rate per second (e.g. 1000 or 1000/s): " + text);
        }
        return value;
    }

    static String redactUrl(String url) {
        return url.replaceAll("password=[^&]*", "password=***").replaceAll("//([^:/@]+):[^@/]*@", "//$1:***@");
    }
}
