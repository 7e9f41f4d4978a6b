package io.chatplatform.bootstrap;

/** The configuration cannot work; the message says which variable and what it should be. */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
