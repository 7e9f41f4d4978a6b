package io.chatplatform.domain.limit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The limit of every {@link LimitedAction}, or none where it is switched off.
 *
 * <p>Written as configuration: {@code off}, {@code defaults}, or a comma-separated list of changes to
 * the defaults, each {@code <action>=<capacity>/<period>[+<capacity>/<period>]} or
 * {@code <action>=off}, e.g. {@code sends_per_user=60/10s+600/1m,searches_per_user=off}.
 */
public record RateLimits(Map<LimitedAction, RateLimit> limits) {

    public RateLimits {
        Objects.requireNonNull(limits, "limits");
        limits.forEach((action, limit) -> {
            if (limit.action() != action) {
                throw new IllegalArgumentException("the limit of " + action.label() + " is one of " + limit.action().label());
            }
        });
        limits = Map.copyOf(limits);
    }

    /** Every action at its default limit. */
    public static RateLimits defaults() {
        Map<LimitedAction, RateLimit> all = new EnumMap<>(LimitedAction.class);
        for (LimitedAction action : LimitedAction.values()) {
            all.put(action, action.defaultLimit());
        }
        return new RateLimits(all);
    }

    /** Nothing limited. */
    public static RateLimits none() {
        return new RateLimits(Map.of());
    }

    /** The limit of this action; empty when it is not limited. */
    public Optional<RateLimit> of(LimitedAction action) {
        return Optional.ofNullable(limits.get(action));
    }

    /** A copy with this action limited so. */
    public RateLimits with(RateLimit limit) {
        Map<LimitedAction, RateLimit> changed = new EnumMap<>(LimitedAction.class);
        changed.putAll(limits);
        changed.put(limit.action(), limit);
        return new RateLimits(changed);
    }

    /** A copy without a limit on this action. */
    public RateLimits without(LimitedAction action) {
        Map<LimitedAction, RateLimit> changed = new EnumMap<>(LimitedAction.class);
        changed.putAll(limits);
        changed.remove(action);
        return new RateLimits(changed);
    }

    /**
     * Reads the configuration form described on the type.
     *
     * @throws IllegalArgumentException saying what is wrong and what is expected
     */
    public static RateLimits parse(String text) {
        Objects.requireNonNull(text, "text");
        String trimmed = text.strip();
        if (trimmed.equals("off")) {
            return none();
        }
        RateLimits limits = defaults();
        if (trimmed.equals("defaults") || trimmed.isEmpty()) {
            return limits;
        }
        for (String part : trimmed.split(",")) {
            String[] pair = part.strip().split("=", 2);
            if (pair.length != 2) {
                throw new IllegalArgumentException("'" + part.strip() + "' is not <action>=<capacity>/<period> or <action>=off");
            }
            LimitedAction action;
            try {
                action = LimitedAction.ofLabel(pair[0].strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + pair[0].strip() + "' is not a limited action; they are "
                        + List.of(LimitedAction.values()).stream().map(LimitedAction::label).collect(Collectors.joining(", ")));
            }
            String value = pair[1].strip();
            limits = value.equals("off") ? limits.without(action) : limits.with(new RateLimit(action, bandwidths(value)));
        }
        return limits;
    }

    private static List<Bandwidth> bandwidths(String text) {
        List<Bandwidth> bandwidths = new ArrayList<>();
        for (String part : text.split("\\+")) {
            String[] pair = part.strip().split("/", 2);
            if (pair.length != 2) {
                throw new IllegalArgumentException("'" + part.strip() + "' is not <capacity>/<period>, such as 10/5m");
            }
            long capacity;
            try {
                capacity = Long.parseLong(pair[0].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + pair[0].strip() + "' is not a whole number of actions");
            }
            bandwidths.add(Bandwidth.of(capacity, Durations.parse(pair[1].strip())));
        }
        return bandwidths;
    }

    /** As configuration writes it, every action in order: {@link #parse} reads it back as these limits. */
    @Override
    public String toString() {
        if (limits.isEmpty()) {
            return "off";
        }
        return Arrays.stream(LimitedAction.values())
                .map(action -> of(action).map(RateLimit::toString).orElse(action.label() + "=off"))
                .collect(Collectors.joining(","));
    }
}
