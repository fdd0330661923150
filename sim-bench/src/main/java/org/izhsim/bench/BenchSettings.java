package org.izhsim.bench;

import java.util.List;

/**
 * How a benchmark run was asked for, as the report repeats it; {@code backgroundLoad} busy processes during the
 * second measurement of every case (0: none).
 */
public record BenchSettings(boolean quick, List<Integer> threads, int repeats, int warmupSteps, boolean peers,
    int backgroundLoad)
{
    public BenchSettings
    {
        threads = List.copyOf(threads);
    }
}
