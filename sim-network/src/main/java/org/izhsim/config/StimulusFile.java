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
     */
    public record Span(String label, double startMs, double endMs, boolean table)
    {
    }
}
