package org.izhsim.network.random;

/**
 * Counter-based random bits: every number is a pure function of (seed, stream, entity, counter), so any
 * thread may draw any neuron's or synapse's numbers in any order and still get the same values. This is
 * what makes construction parallel and the run bit-identical whatever the thread count.
 * <p>
 * The mixing function is SplitMix64's finaliser (Steele, Lea, Flood 2014, "Fast splittable pseudorandom
 * number generators", OOPSLA; constants of Stafford's variant 13), applied to a Weyl sequence of the key.
 * Stateless and thread-safe.
 */
public final class CounterRandom
{
    /** 2^64 / golden ratio: the Weyl increment of SplitMix64. */
    public static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private static final double DOUBLE_UNIT = 0x1.0p-53;

    private CounterRandom()
    {
    }

    /** SplitMix64 finaliser: a bijection of 64-bit values with full avalanche. */
    public static long mix(final long x)
    {
        long z = x;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * @param seed   the user's seed.
     * @param stream what the numbers are for (noise of input 2, delays of projection 5, ...).
     * @param entity the neuron, source, target or step the numbers belong to.
     * @return a key from which {@link #bits(long, long)} draws that entity's sequence.
     */
    public static long key(final long seed, final long stream, final long entity)
    {
        return mix(mix(mix(seed) + stream * GOLDEN_GAMMA) + entity * GOLDEN_GAMMA);
    }

    /** The counter-th 64 random bits of the sequence named by key. */
    public static long bits(final long key, final long counter)
    {
        return mix(key + (counter + 1) * GOLDEN_GAMMA);
    }

    /** Uniform in [0, 1) from the top 53 bits. */
    public static double uniform(final long bits)
    {
        return (bits >>> 11) * DOUBLE_UNIT;
    }

    /**
     * Uniform integer in [0, bound) by Lemire's multiply-shift of the top 32 bits. The bias is below
     * bound / 2^32 (2.3e-5 for 10^5 neurons), far beneath anything a network statistic can resolve.
     */
    public static int uniformInt(final long bits, final int bound)
    {
        return (int)(((bits >>> 32) * bound) >>> 32);
    }
}
