package org.izhsim.service;

import java.nio.file.Path;

import org.izhsim.config.ExperimentConfig;
import org.izhsim.config.TraceVariable;
import org.izhsim.network.build.DiskEstimate;
import org.izhsim.network.build.NetworkPlan;
import org.izhsim.network.engine.Network;
import org.izhsim.network.record.SimulationResult;
import org.izhsim.network.synapse.PlasticWeights;
import org.izhsim.output.WeightHistory;
import org.izhsim.output.RunOutputs;

/**
 * What both faces (the command line and the explorer) do alike with a run of an experiment file: the outputs
 * of its result, described by the config, and the record of its plastic weights.
 */
public final class ExperimentRuns
{
    private ExperimentRuns()
    {
    }

    /** As {@link #outputs(ExperimentConfig, SimulationResult)}, writing the synapses of {@code plan}'s projections
     * when the config's record.connections asks. */
    public static RunOutputs outputs(final ExperimentConfig config, final org.izhsim.network.build.NetworkPlan plan,
        final SimulationResult result)
    {
        final RunOutputs outputs = outputs(config, result).plasticProjectionsOf(plan,
            config.projections().stream().map(org.izhsim.config.ProjectionConfig::name).toList());
        return config.recording().connections() ? outputs.writeConnections(plan) : outputs;
    }

    public static RunOutputs outputs(final ExperimentConfig config, final SimulationResult result)
    {
        final java.util.Map<String, org.izhsim.network.build.ConnectionTable> tables = new java.util.LinkedHashMap<>();
        for (final org.izhsim.config.ProjectionConfig p : config.projections())
        {
            if (p.rule().connections() != null)
            {
                tables.put(p.name(), p.rule().connections());
            }
        }
        final RunOutputs outputs = new RunOutputs(describe(config), result).spikeFiles(config.recording().spikeFiles())
            .connections(tables).rhythmPopulation(rhythmPopulation(config))
            .sourcePopulations(config.populations().stream().filter(p -> !isNeuronModel(p.model()))
                .map(org.izhsim.config.PopulationConfig::name).toList())
            .spikePopulations(config.recording().spikePopulations());
        for (final org.izhsim.config.PopulationConfig p : config.populations())
        {
            if (p.spikeTimesFile() != null)
            {
                outputs.spikeTimesFile(p.name(), p.spikeTimesFile().path(), p.spikeTimesFile().group(),
                    p.spikeTimesFile().times(), p.spikeTimesFile().crc32c());
            }
        }
        return config.noiseSeed() != null ? outputs.noiseSeed(config.noiseSeed()) : outputs;
    }

    /**
     * What the outputs of {@code config}'s run whose size {@code plan} fixes take on disk: its duration's weight
     * snapshots, its final weights, its traces (with the config's variables), rates.csv and the figures.
     */
    public static DiskEstimate diskEstimate(final ExperimentConfig config, final NetworkPlan plan)
    {
        return DiskEstimate.of(plan, config.steps(), config.recording().traceVariables().size(),
            config.recording().ratesBinMs(), config.dtMs(), config.recording().spikeFiles(),
            config.recording().connections());
    }

    /**
     * The population summary.json's rhythm describes: the first that is not a spike source (their rate is the noise
     * of their draws), or the first when all are.
     */
    static String rhythmPopulation(final ExperimentConfig config)
    {
        return config.populations().stream().filter(p -> isNeuronModel(p.model()))
            .findFirst().orElse(config.populations().get(0)).name();
    }

    /** Whether a population of this model is of neurons (2003, 2007), not a spike source (poisson, spike_times). */
    private static boolean isNeuronModel(final org.izhsim.config.NeuronModel model)
    {
        return model == org.izhsim.config.NeuronModel.IZHIKEVICH2003 ||
            model == org.izhsim.config.NeuronModel.IZHIKEVICH2007;
    }

    static RunOutputs.Description describe(final ExperimentConfig config)
    {
        return new RunOutputs.Description(config.name(), config.seed(), config.dtMs(), config.recording().ratesBinMs(),
            config.recording().traceVariables().contains(TraceVariable.V),
            config.recording().traceVariables().contains(TraceVariable.U),
            config.recording().traceVariables().contains(TraceVariable.INPUT));
    }

    /**
     * The plastic weights' record, with the weights at the start; null without plastic synapses, and on ranks
     * other than 0 (collective under MPI: every rank sends its share of the weights to rank 0).
     */
    public static WeightHistory weightHistory(final Network network)
    {
        return weightHistory(network, null);
    }

    /**
     * {@link #weightHistory(Network)} whose snapshots' weights go to {@code spill} ({@link WeightHistory#spillingTo})
     * rather than the heap; null keeps them.
     */
    public static WeightHistory weightHistory(final Network network, final Path spill)
    {
        if (network.plasticity() == null)
        {
            return null;
        }
        final long bytes = network.plasticBytes();
        final PlasticWeights start = network.plasticWeights();
        if (start == null)
        {
            return null;
        }
        final WeightHistory weights = new WeightHistory(network.plasticity().rule().wMin(),
            network.plasticity().rule().wMax()).stateBytes(bytes);
        if (spill != null)
        {
            weights.spillingTo(spill);
        }
        if (network.plasticity().rule().reward() != null)
        {
            weights.track(network.plasticity().rule().reward().pre(), network.plasticity().rule().reward().post());
        }
        weights.snapshot(network.currentStep(), start);
        return weights;
    }

    /**
     * The plastic weights now into {@code weights} (null on ranks other than 0, which only send theirs): a
     * periodic snapshot, or the final weights. Nothing without plastic synapses.
     */
    public static void snapshotWeights(final Network network, final WeightHistory weights)
    {
        if (network.plasticity() != null)
        {
            final PlasticWeights last = network.plasticWeights();
            if (weights != null)
            {
                weights.snapshot(network.currentStep(), last);
            }
        }
    }
}
