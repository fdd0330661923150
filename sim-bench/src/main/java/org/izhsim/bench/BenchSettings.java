package org.izhsim.bench;

import java.util.List;

/**
 * How a benchmark run was asked for, as the report repeats it.
 */
public record BenchSettings(boolean quick, List<Integer> threads, int repeats, int warmupSteps, boolean peers)
{
    public BenchSettings
    {
        threads = List.copyOf(threads);
    }
}
