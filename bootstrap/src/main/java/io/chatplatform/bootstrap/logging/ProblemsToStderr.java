package io.chatplatform.bootstrap.logging;

import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusListener;

/**
 * Logback's own status messages, warnings and errors only, on stderr. Declared in logback.xml: with
 * a listener registered, logback no longer prints its whole status history on stdout when it meets
 * a warning, so stdout carries nothing but log lines (JSON by default) from the first byte, and a
 * broken logging set-up is still reported.
 */
public final class ProblemsToStderr implements StatusListener {

    @Override
    public void addStatusEvent(Status status) {
        if (status.getEffectiveLevel() < Status.WARN) {
            return;
        }
        String level = status.getEffectiveLevel() >= Status.ERROR ? "ERROR" : "WARN";
        System.err.println("logback " + level + ": " + status.getMessage());
        if (status.getThrowable() != null) {
            status.getThrowable().printStackTrace(System.err);
        }
    }

    @Override
    public boolean isResetResistant() {
        return true;
    }
}
