package io.chatplatform.bootstrap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the chat service as configured by the environment; stops it on SIGTERM or Ctrl-C. */
public final class Main {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        ChatConfig config;
        try {
            config = ChatConfig.fromEnvironment(System.getenv());
        } catch (ConfigException e) {
            System.err.println("Configuration error: " + e.getMessage());
            System.exit(2);
            return;
        }
        LOG.info("starting with {}", config);
        ChatServer server;
        try {
            server = ChatServer.start(config);
        } catch (ConfigException e) {
            System.err.println("Configuration error: " + e.getMessage());
            System.exit(2);
            return;
        } catch (RuntimeException e) {
            LOG.error("could not start: {}", e.getMessage(), e);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping");
            server.close();
        }, "chat-shutdown"));
    }
}
