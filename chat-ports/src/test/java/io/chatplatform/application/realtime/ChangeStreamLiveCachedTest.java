package io.chatplatform.application.realtime;

/**
 * {@link ChangeStreamLiveTest} with the cache in front of the stores: every change must make the
 * cached conversation lists stale before its live event goes out, or a resume reads an old
 * position and misses what came after it.
 */
class ChangeStreamLiveCachedTest extends ChangeStreamLiveTest {

    @Override
    boolean cached() {
        return true;
    }
}
