package io.chatplatform.domain.limit;

import java.time.Duration;
import java.util.List;

/**
 * What the service limits, per whom, and by default how much. The defaults stop brute force and
 * floods while leaving room for every human use: a person does not fail to log in ten times in
 * five minutes, nor send thirty messages in ten seconds for long.
 */
public enum LimitedAction {

    /**
     * Failed logins per username, whichever address they come from: stops guessing one account's
     * password from many addresses. Successful logins do not count.
     */
    LOGIN_FAILURES_PER_USERNAME("login_failures_per_username", List.of(Bandwidth.of(10, Duration.ofMinutes(5)))),
    /** Failed logins per client address, whichever usernames they try. Successful logins do not count. */
    LOGIN_FAILURES_PER_ADDRESS("login_failures_per_address", List.of(Bandwidth.of(50, Duration.ofMinutes(5)))),
    /** Registrations (attempted, successful or not) per client address. */
    REGISTRATIONS_PER_ADDRESS("registrations_per_address", List.of(Bandwidth.of(25, Duration.ofMinutes(5)))),
    /** Messages sent per user: a burst of 30 in 10 seconds, 300 a minute sustained. */
    SENDS_PER_USER("sends_per_user", List.of(Bandwidth.of(30, Duration.ofSeconds(10)), Bandwidth.of(300, Duration.ofMinutes(1)))),
    /**
     * Edits, deletions and reactions per user: a burst of 60 in 10 seconds (reacting to a screenful
     * of messages), 600 a minute sustained.
     */
    MESSAGE_CHANGES_PER_USER("message_changes_per_user",
            List.of(Bandwidth.of(60, Duration.ofSeconds(10)), Bandwidth.of(600, Duration.ofMinutes(1)))),
    /**
     * Token refreshes per client address: a client refreshes once per access token lifetime, so a
     * burst of 30 a minute leaves room for a household or office behind one address, and stops
     * anyone trying refresh tokens at speed.
     */
    TOKEN_REFRESHES_PER_ADDRESS("token_refreshes_per_address", List.of(Bandwidth.of(30, Duration.ofMinutes(1)))),
    /** Listing and ending sessions per user: a burst of 10 in 10 seconds, 60 a minute sustained. */
    SESSION_REQUESTS_PER_USER("session_requests_per_user",
            List.of(Bandwidth.of(10, Duration.ofSeconds(10)), Bandwidth.of(60, Duration.ofMinutes(1)))),
    /** User searches per user: a burst of 20 in 10 seconds, 120 a minute sustained. */
    SEARCHES_PER_USER("searches_per_user", List.of(Bandwidth.of(20, Duration.ofSeconds(10)), Bandwidth.of(120, Duration.ofMinutes(1)))),
    /**
     * Messages a client sends over one live connection (typing, pings, resumes): a burst of 50
     * in 10 seconds, 600 a minute sustained. Kept by the instance that holds the connection.
     */
    LIVE_FRAMES_PER_CONNECTION("live_frames_per_connection",
            List.of(Bandwidth.of(50, Duration.ofSeconds(10)), Bandwidth.of(600, Duration.ofMinutes(1))));

    private final String label;
    private final List<Bandwidth> defaults;

    LimitedAction(String label, List<Bandwidth> defaults) {
        this.label = label;
        this.defaults = defaults;
    }

    /** A short, stable name: used in configuration, keys and metrics. */
    public String label() {
        return label;
    }

    /** The limit unless configured otherwise. */
    public RateLimit defaultLimit() {
        return new RateLimit(this, defaults);
    }

    /** The action with this label. */
    public static LimitedAction ofLabel(String label) {
        for (LimitedAction action : values()) {
            if (action.label.equals(label)) {
                return action;
            }
        }
        throw new IllegalArgumentException("no limited action is named '" + label + "'");
    }
}
