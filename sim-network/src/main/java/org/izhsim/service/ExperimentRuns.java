package org.izhsim.service;

import org.izhsim.config.ExperimentConfig;
import org.izhsim.config.TraceVariable;
import org.izhsim.network.record.SimulationResult;
import org.izhsim.output.RunOutputs;

/**
 * What both faces (the command line and the explorer) do alike with a run of an experiment file: the outputs
 * of its result, described by the config.
 */
public final class ExperimentRuns
{
    private ExperimentRuns()
    {
    }

    /** The standard output folder of {@code result}, a run of {@code config}. */
    public static RunOutputs outputs(final ExperimentConfig config, final SimulationResult result)
    {
        return new RunOutputs(describe(config), result);
    }

    static RunOutputs.Description describe(final ExperimentConfig config)
    {
        return new RunOutputs.Description(config.name(), config.seed(), config.dtMs(), config.recording().ratesBinMs(),
            config.recording().traceVariables().contains(TraceVariable.V),
            config.recording().traceVariables().contains(TraceVariable.U),
            config.recording().traceVariables().contains(TraceVariable.INPUT));
    }
}
