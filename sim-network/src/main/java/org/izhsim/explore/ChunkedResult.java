package org.izhsim.explore;

import org.HdrHistogram.Histogram;
import org.izhsim.network.record.SimulationResult;
import org.izhsim.network.record.Traces;

import java.util.List;

/**
 * Joins the results of successive {@code Network.run} calls (chunks of one live run) into the result one
 * long call would have returned, so the run folder is written by the same code as {@code sim run}'s.
 * Wall times add up the chunks' own run times: the pauses between chunks, spent publishing, are not counted.
 * A live run stopped between chunks is joined as the one call stopped there: interrupted, its request kept.
 */
final class ChunkedResult
{
    private ChunkedResult()
    {
    }

    /**
     * @param chunks         the chunks in the order they ran, each complete.
     * @param requestedSteps the steps the whole run was asked for: more than the chunks hold when it was stopped.
     */
    static SimulationResult join(final List<SimulationResult> chunks, final long requestedSteps)
    {
        final SimulationResult first = chunks.get(0);
        int steps = 0;
        int spikes = 0;
        long events = 0;
        long runNanos = 0;
        final Histogram latency = first.stepLatency().copy();
        for (int c = 0; c < chunks.size(); c++)
        {
            final SimulationResult chunk = chunks.get(c);
            steps += chunk.steps();
            spikes += chunk.spikeCount();
            events += chunk.synapticEvents();
            runNanos += chunk.runNanos();
            if (c > 0)
            {
                latency.add(chunk.stepLatency());
            }
        }
        final int[] spikeSteps = new int[spikes];
        final int[] spikeNeurons = new int[spikes];
        final Traces traces = new Traces(first.traces().neurons(), steps);
        int spikeAt = 0;
        int stepAt = 0;
        for (final SimulationResult chunk : chunks)
        {
            // Chunks follow each other in time and each is in (time, neuron) order: concatenation keeps the order.
            System.arraycopy(chunk.spikeSteps(), 0, spikeSteps, spikeAt, chunk.spikeCount());
            System.arraycopy(chunk.spikeNeurons(), 0, spikeNeurons, spikeAt, chunk.spikeCount());
            spikeAt += chunk.spikeCount();
            final Traces part = chunk.traces();
            for (int k = 0; k < part.count(); k++)
            {
                for (int s = 0; s < chunk.steps(); s++)
                {
                    traces.record(k, stepAt + s, part.v(k)[s], part.u(k)[s], part.input(k)[s]);
                }
            }
            stepAt += chunk.steps();
        }
        // ExperimentConfig caps steps at the engine's int limit: the request fits an int.
        return new SimulationResult(first.populations(), first.firstStep(), steps, spikeSteps, spikeNeurons, events,
            first.buildNanos(), runNanos, latency, traces, first.threads(), first.neurons(), first.synapses(),
            first.synapseBytes(), Math.toIntExact(requestedSteps),
            steps < requestedSteps ? SimulationResult.StopReason.INTERRUPTED : SimulationResult.StopReason.COMPLETED,
            null);
    }
}
