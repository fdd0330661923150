package org.izhsim.config;

import java.util.List;

import org.izhsim.core.stimulus.Stimulus;

/**
 * A stimulus file made into the current a single-neuron run samples, with the times each of its components acts, so
 * that a run that ends before a component does can say so (it cut the component without a word).
 *
 * @param current the summed current.
 * @param spans   when each component acts, in file order.
 */
public record StimulusFile(Stimulus current, List<Span> spans)
{
    public StimulusFile
    {
        spans = List.copyOf(spans);
    }

    /**
     * When one part of a stimulus acts.
     *
     * @param label   what a message names it by: {@code stim.yaml:3:5: dc (stimulus item 1)}, {@code the --current
     *                step}.
     * @param startMs its first time, inclusive.
     * @param endMs   its end, exclusive, or infinity (to the end of any run); for a table the time of its last row.
     * @param table   a table, whose rows go on to {@code endMs} and whose last current is held after it.
     * @param pulses  for a rectangular component, its pulses: a dc step is one, a pulse train has {@code count};
     *                0 for the others.
     * @param widthMs a pulse's width (a step's {@code endMs - startMs}).
     * @param periodMs from one pulse's start to the next's.
     * @param term    the component's own current (a rectangular one's), or null.
     * @param frequencyHz a sine's frequency, 0 for the others.
     */
    public record Span(String label, double startMs, double endMs, boolean table, int pulses, double widthMs,
        double periodMs, Stimulus term, double frequencyHz)
    {
        /** A component that is neither rectangular nor a sine (a ramp, noise, a table). */
        public Span(final String label, final double startMs, final double endMs, final boolean table)
        {
            this(label, startMs, endMs, table, 0, 0.0, 0.0, null, 0.0);
        }

        /** A rectangular component: {@code pulses} of {@code widthMs} every {@code periodMs} from startMs. */
        public Span(final String label, final double startMs, final double endMs, final int pulses,
            final double widthMs, final double periodMs, final Stimulus term)
        {
            this(label, startMs, endMs, false, pulses, widthMs, periodMs, term, 0.0);
        }

        /** One rectangular step of current {@code term} over [startMs, endMs). */
        public static Span step(final String label, final double startMs, final double endMs, final Stimulus term)
        {
            return new Span(label, startMs, endMs, 1, endMs - startMs, endMs - startMs, term);
        }

        /** A sine of {@code frequencyHz} over [startMs, endMs). */
        public static Span sine(final String label, final double startMs, final double endMs, final double frequencyHz)
        {
            return new Span(label, startMs, endMs, false, 0, 0.0, 0.0, null, frequencyHz);
        }
    }
}
