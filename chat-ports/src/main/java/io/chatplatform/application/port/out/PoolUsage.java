package io.chatplatform.application.port.out;

/**
 * How busy a connection pool is right now.
 *
 * @param active  connections in use
 * @param idle    connections ready
 * @param pending callers waiting for a connection
 * @param max     the pool's size limit
 */
public record PoolUsage(int active, int idle, int pending, int max) {

    public PoolUsage {
        if (active < 0 || idle < 0 || pending < 0 || max < 0) {
            throw new IllegalArgumentException("pool figures cannot be negative");
        }
    }
}
