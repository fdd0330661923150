package org.izhsim.network.record;

import java.util.Arrays;

/**
 * The spikes of one worker's neurons in (step, neuron) order, in growable primitive arrays. Written only by
 * its worker during a run, read after the run's threads have been joined. Growth doubles the arrays, so
 * recording costs amortised O(1) and allocates nothing once the capacity suffices.
 */
public final class SpikeRecorder
{
    private int[] steps;
    private int[] neurons;
    private int size;

    public SpikeRecorder(final int initialCapacity)
    {
        steps = new int[Math.max(16, initialCapacity)];
        neurons = new int[steps.length];
    }

    public void add(final int step, final int neuron)
    {
        if (size == steps.length)
        {
            steps = Arrays.copyOf(steps, 2 * size);
            neurons = Arrays.copyOf(neurons, 2 * size);
        }
        steps[size] = step;
        neurons[size] = neuron;
        size++;
    }

    public int size()
    {
        return size;
    }

    /** Forgets the spikes recorded so far and keeps the arrays: for benchmarks that reset the pass millions of times. */
    public void clear()
    {
        size = 0;
    }

    public int step(final int i)
    {
        return steps[i];
    }

    public int neuron(final int i)
    {
        return neurons[i];
    }

    /**
     * Merges workers' recordings into (step, neuron) order: within a step the workers' neurons are ascending
     * ranges in worker order, so concatenating each step's runs in worker order sorts them.
     *
     * @return {steps, neurons}.
     */
    public static int[][] merge(final SpikeRecorder[] recorders)
    {
        int total = 0;
        for (final SpikeRecorder r : recorders)
        {
            total += r.size;
        }
        final int[] steps = new int[total];
        final int[] neurons = new int[total];
        final int[] head = new int[recorders.length];
        int out = 0;
        while (out < total)
        {
            int step = Integer.MAX_VALUE;
            for (int w = 0; w < recorders.length; w++)
            {
                if (head[w] < recorders[w].size)
                {
                    step = Math.min(step, recorders[w].steps[head[w]]);
                }
            }
            for (int w = 0; w < recorders.length; w++)
            {
                final SpikeRecorder r = recorders[w];
                while (head[w] < r.size && r.steps[head[w]] == step)
                {
                    steps[out] = step;
                    neurons[out++] = r.neurons[head[w]++];
                }
            }
        }
        return new int[][] {steps, neurons};
    }
}
