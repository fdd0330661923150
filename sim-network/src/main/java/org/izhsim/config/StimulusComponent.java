package org.izhsim.config;

import java.nio.file.Path;

/**
 * One term of a single-neuron input current I(t), read from a stimulus file by {@link StimulusLoader}.
 * The components of a file are summed. Times are ms from the start of the run, currents are in the
 * model's units (pA-like, as I in Izhikevich 2003 eq. 1); an end time of +infinity means "to the end of
 * the run".
 */
public sealed interface StimulusComponent permits StimulusComponent.Dc, StimulusComponent.PulseTrain,
    StimulusComponent.Ramp, StimulusComponent.Sine, StimulusComponent.Noise, StimulusComponent.Csv
{
    /**
     * {@code amplitude} while {@code onsetMs <= t < offsetMs}, else 0.
     */
    record Dc(double amplitude, double onsetMs, double offsetMs) implements StimulusComponent
    {
    }

    /**
     * {@code count} rectangular pulses of {@code amplitude}: pulse i covers
     * {@code startMs + i*periodMs <= t < startMs + i*periodMs + widthMs}.
     */
    record PulseTrain(double amplitude, double startMs, double widthMs, double periodMs, int count)
        implements StimulusComponent
    {
    }

    /**
     * Linear from {@code from} at {@code startMs} to {@code to} at {@code endMs}; 0 outside [startMs, endMs).
     */
    record Ramp(double startMs, double endMs, double from, double to) implements StimulusComponent
    {
    }

    /**
     * {@code offset + amplitude * sin(2 pi frequencyHz (t - onsetMs) / 1000 + phaseDeg pi / 180)} while
     * {@code onsetMs <= t < offsetMs}, else 0; the phase counts from the onset.
     */
    record Sine(double amplitude, double frequencyHz, double phaseDeg, double offset, double onsetMs, double offsetMs)
        implements StimulusComponent
    {
    }

    /**
     * Gaussian white current: a fresh N(mean, sd^2) draw every step, from a generator seeded with {@code seed}.
     */
    record Noise(double sd, double mean, long seed) implements StimulusComponent
    {
    }

    /**
     * A piecewise-linear current read from a CSV file of {@code t_ms,current} rows.
     *
     * @param file     the file, resolved against the stimulus file's directory; it exists.
     * @param fileText the path as written in the stimulus file, for messages.
     */
    record Csv(Path file, String fileText) implements StimulusComponent
    {
    }
}
