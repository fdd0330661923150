package org.izhsim.core.stimulus;

import static org.izhsim.core.ShortestDecimal.typed;

import org.izhsim.core.InputException;

/**
 * Gaussian white noise: one N(0, sd^2) sample per step, held over the step, within {@code [on, off)}.
 * <p>
 * Convention: {@code sd} is the standard deviation of each per-step sample, as in the 2003 network code
 * ({@code I = 5*randn(Ne,1)} once per 1 ms step), not a diffusion intensity. Its effect on v therefore
 * depends on dt: the integrated charge over a time T has variance sd^2 * dt * T, so to keep the
 * diffusion constant sigma^2 fixed while changing dt, scale sd as {@code sigma / sqrt(dt)}.
 * <p>
 * Counter-based: sample k is a pure function of (seed, k): two SplitMix64 hashes of
 * (seed, 2k) and (seed, 2k+1) give two uniforms, and Box-Muller turns them into a Gaussian. No generator
 * state, so runs are reproducible and any partition of the steps (or of neurons, by seed) draws the same
 * numbers.
 */
public final class WhiteNoise implements Stimulus
{
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private static final double UNIT = 0x1.0p-53;

    private final double sd;
    private final long seed;
    private final double on;
    private final double off;

    public WhiteNoise(final double sd, final long seed, final double on, final double off)
    {
        if (!(sd >= 0.0) || Double.isInfinite(sd))
        {
            throw new InputException("noise standard deviation must be a finite number >= 0, got " + typed(sd));
        }
        this.sd = sd;
        this.seed = seed;
        this.on = Stimuli.requireFinite("noise onset", on);
        if (Double.isNaN(off) || off < on)
        {
            throw new InputException("noise offset " + off + " ms must not be before its onset " + on + " ms");
        }
        this.off = off;
    }

    /**
     * @return noise over the whole run (from t = 0, never ending).
     */
    public static WhiteNoise always(final double sd, final long seed)
    {
        return new WhiteNoise(sd, seed, 0.0, Double.POSITIVE_INFINITY);
    }

    @Override
    public double current(final double tMs, final long step)
    {
        return tMs >= on && tMs < off ? sd * gaussian(seed, step) : 0.0;
    }

    /**
     * @return a standard normal deviate that depends only on (seed, counter).
     */
    public static double gaussian(final long seed, final long counter)
    {
        // (0, 1] so that the logarithm is finite.
        final double u1 = ((mix(seed, 2 * counter) >>> 11) + 1) * UNIT;
        final double u2 = (mix(seed, 2 * counter + 1) >>> 11) * UNIT;
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    /**
     * SplitMix64 finaliser (Steele, Lea, Flood 2014) of the counter's position in the seed's stream.
     */
    static long mix(final long seed, final long counter)
    {
        long z = seed + (counter + 1) * GOLDEN_GAMMA;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public String toString()
    {
        return "noise(sd " + sd + ", seed " + seed + ")";
    }
}
