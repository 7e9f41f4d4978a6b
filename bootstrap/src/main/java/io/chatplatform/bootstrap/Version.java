package io.chatplatform.bootstrap;

/** The version of the running build, from the jar manifest. */
final class Version {

    private Version() {
    }

    static String current() {
        String version = Version.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
