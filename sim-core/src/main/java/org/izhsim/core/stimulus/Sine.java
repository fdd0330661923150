package org.izhsim.core.stimulus;

import static org.izhsim.core.ShortestDecimal.typed;

import org.izhsim.core.InputException;

/**
 * {@code amplitude * sin(2 pi f (t - on) + phase)} over {@code [on, off)}, zero elsewhere; f in Hz, t in ms.
 */
public final class Sine implements Stimulus
{
    /**
     * Highest frequency, Hz: a period of 1 us is far beyond any time step a neuron is run at, and the phase
     * 2 pi f t / 1000 stays finite (1e308 Hz made it infinite and the current NaN).
     */
    public static final double MAX_FREQUENCY_HZ = 1e6;
    /**
     * Largest phase either way, degrees: one turn. An angle beyond it is one within it, and a huge one (1e308) gave a
     * sine of an argument whose last bits are all of its value, as meaningless as it was accepted.
     */
    public static final double MAX_PHASE_DEGREES = 360.0;

    private final double amplitude;
    private final double radiansPerMs;
    private final double phase;
    private final double on;
    private final double off;

    public Sine(final double amplitude, final double frequencyHz, final double phaseRadians, final double on, final double off)
    {
        this.amplitude = Stimuli.requireFinite("sine amplitude", amplitude);
        if (Stimuli.requirePositive("sine frequency", frequencyHz) > MAX_FREQUENCY_HZ)
        {
            throw new InputException("sine frequency must be at most " + typed(MAX_FREQUENCY_HZ) + " Hz, got " +
                typed(frequencyHz));
        }
        this.radiansPerMs = 2.0 * Math.PI * frequencyHz / 1000.0;
        if (!(Math.abs(phaseRadians) <= Math.toRadians(MAX_PHASE_DEGREES)))
        {
            throw new InputException("sine phase must be between -2 pi and 2 pi (one turn either way), got " +
                typed(phaseRadians));
        }
        this.phase = phaseRadians;
        this.on = Stimuli.requireFinite("sine onset", on);
        if (Double.isNaN(off) || off < on)
        {
            throw new InputException("sine offset " + off + " ms must not be before its onset " + on + " ms");
        }
        this.off = off;
    }

    @Override
    public double current(final double tMs, final long step)
    {
        // Math.sin, not StrictMath's, which allocates 32 bytes a call from JDK 21 on: once per step here.
        return tMs >= on && tMs < off ? amplitude * Math.sin(radiansPerMs * (tMs - on) + phase) : 0.0;
    }

    @Override
    public String toString()
    {
        return "sine(" + amplitude + ", " + radiansPerMs * 1000.0 / (2.0 * Math.PI) + " Hz, [" + on + ", " + off + "))";
    }
}
