package io.chatplatform.adapter.redis;

/**
 * What a lookup observed, packed into the one number a {@code CacheStore.Miss} carries: the global
 * epoch in the high 23 bits, the scope's generation in the low 40. A put writes under exactly
 * these two values. The packing keeps the port's promise that a generation moved on by an
 * invalidation compares greater (same epoch, larger generation), and an epoch moved on compares
 * greater still.
 *
 * <p>The ranges are far beyond use: 2^40 increments of one scope's counter (a trillion messages
 * in one conversation without a pause of twice the longest time to live), 2^23 epochs (8 million
 * outages that overflowed the pending invalidations). A value outside them is answered as a
 * bypass, never wrapped around.
 */
final class Stamp {

    static final int GENERATION_BITS = 40;
    static final long MAX_GENERATION = (1L << GENERATION_BITS) - 1;
    static final long MAX_EPOCH = (1L << (63 - GENERATION_BITS)) - 1;

    private Stamp() {
    }

    static boolean fits(long epoch, long generation) {
        return epoch >= 0 && epoch <= MAX_EPOCH && generation >= 0 && generation <= MAX_GENERATION;
    }

    static long of(long epoch, long generation) {
        if (!fits(epoch, generation)) {
            throw new IllegalArgumentException("epoch " + epoch + " or generation " + generation + " out of range");
        }
        return (epoch << GENERATION_BITS) | generation;
    }

    static long epoch(long stamp) {
        return stamp >>> GENERATION_BITS;
    }

    static long generation(long stamp) {
        return stamp & MAX_GENERATION;
    }
}
