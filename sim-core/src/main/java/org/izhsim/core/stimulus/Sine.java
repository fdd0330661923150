package org.izhsim.core.stimulus;

import org.izhsim.core.InputException;

/**
 * {@code amplitude * sin(2 pi f (t - on) + phase)} over {@code [on, off)}, zero elsewhere; f in Hz, t in ms.
 */
public final class Sine implements Stimulus
{
    private final double amplitude;
    private final double radiansPerMs;
    private final double phase;
    private final double on;
    private final double off;

    public Sine(final double amplitude, final double frequencyHz, final double phaseRadians, final double on, final double off)
    {
        this.amplitude = Stimuli.requireFinite("sine amplitude", amplitude);
        this.radiansPerMs = 2.0 * Math.PI * Stimuli.requirePositive("sine frequency", frequencyHz) / 1000.0;
        this.phase = Stimuli.requireFinite("sine phase", phaseRadians);
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
        return tMs >= on && tMs < off ? amplitude * Math.sin(radiansPerMs * (tMs - on) + phase) : 0.0;
    }

    @Override
    public String toString()
    {
        return "sine(" + amplitude + ", " + radiansPerMs * 1000.0 / (2.0 * Math.PI) + " Hz, [" + on + ", " + off + "))";
    }
}
