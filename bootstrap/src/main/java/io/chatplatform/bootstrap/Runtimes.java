package io.chatplatform.bootstrap;

/** What the running JVM offers. */
final class Runtimes {

    private Runtimes() {
    }

    /**
     * Whether the JVM has virtual threads (Java 21+). The code is compiled for Java 17, so it asks
     * at run time instead of linking against the API.
     */
    static boolean hasVirtualThreads() {
        return Runtime.version().feature() >= 21;
    }
}
