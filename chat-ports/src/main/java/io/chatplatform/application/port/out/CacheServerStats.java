package io.chatplatform.application.port.out;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * A cache server's figures, in the shape of Redis's {@code INFO}; an in-process cache reports its
 * own equivalents and leaves out what it cannot know.
 *
 * @param backend                "redis" or "in-process"
 * @param available              whether the server answers right now
 * @param connectedClients       clients connected to the server
 * @param usedMemoryBytes        memory the server uses
 * @param keyspaceHits           successful key lookups since the server started
 * @param keyspaceMisses         failed key lookups since the server started
 * @param totalCommandsProcessed commands the server processed since it started
 * @param uptimeSeconds          seconds since the server started
 * @param failures               requests of this service that failed on the cache (and were served without it)
 * @param circuit                "closed" (in use), "open" (skipped for a back-off after failures) or "half-open" (probing)
 */
public record CacheServerStats(String backend, boolean available, OptionalLong connectedClients, OptionalLong usedMemoryBytes,
                               OptionalLong keyspaceHits, OptionalLong keyspaceMisses,
                               OptionalLong totalCommandsProcessed, OptionalLong uptimeSeconds, long failures,
                               String circuit) {

    public CacheServerStats {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(connectedClients, "connectedClients");
        Objects.requireNonNull(usedMemoryBytes, "usedMemoryBytes");
        Objects.requireNonNull(keyspaceHits, "keyspaceHits");
        Objects.requireNonNull(keyspaceMisses, "keyspaceMisses");
        Objects.requireNonNull(totalCommandsProcessed, "totalCommandsProcessed");
        Objects.requireNonNull(uptimeSeconds, "uptimeSeconds");
        Objects.requireNonNull(circuit, "circuit");
    }
}
