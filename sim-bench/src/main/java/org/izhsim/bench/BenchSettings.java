package org.izhsim.bench;

import java.util.List;

/**
 * How a benchmark run was asked for, as the report repeats it; {@code backgroundLoad} busy processes during the
 * second measurement of every case (0: none); {@code configs} the files of {@code --config} as given (empty: the
 * shipped networks).
 */
public record BenchSettings(boolean quick, List<Integer> threads, int repeats, int warmupSteps, boolean peers,
    int backgroundLoad, List<String> configs)
{
    public BenchSettings
    {
        threads = List.copyOf(threads);
        configs = List.copyOf(configs);
    }

    /**
     * What was run, for the report's header: "full" (every shipped network), "--quick" (three of them, shorter) or the
     * files of --config; every --config run was called "full".
     */
    public String networksText()
    {
        if (configs.isEmpty())
        {
            return quick ? "--quick" : "full";
        }
        return (quick ? "--quick " : "") + "--config " + String.join(", ", configs);
    }
}
