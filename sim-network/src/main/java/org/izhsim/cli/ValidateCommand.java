package org.izhsim.cli;

import org.izhsim.config.ExperimentConfig;
import org.izhsim.config.NetworkAssembler;
import org.izhsim.core.InputException;
import org.izhsim.network.PopulationRange;
import org.izhsim.network.engine.Network;
import org.izhsim.network.build.DiskEstimate;
import org.izhsim.network.build.MemoryEstimate;
import org.izhsim.network.build.NetworkPlan;
import org.izhsim.output.HostInfo;
import org.izhsim.output.Numbers;
import org.izhsim.service.ExperimentRuns;
import org.izhsim.service.MemoryCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code sim validate}: reads an experiment file, makes the network plan {@code sim run} would build from and
 * reports the first problem, located, or what it describes and its memory estimate.
 */
@Command(name = "validate", mixinStandardHelpOptions = true, versionProvider = org.izhsim.service.VersionText.class,
    description = "Check an experiment file; print the network it describes, or the first error as file:line:column.")
final class ValidateCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE.yaml", description = "Experiment file.")
    Path file;

    @Mixin
    ConfigOverrides overrides;

    @picocli.CommandLine.Option(names = "--resume", paramLabel = "FILE",
        description = "Also check that the checkpoint FILE can be resumed with this file: its header first (the " +
            "network's seed, populations, delays, delivery, integration, plasticity), then, with the network built " +
            "as sim run builds it, its neuron parameters, synapses and the state itself (every byte's checksum).")
    Path resume;

    @Override
    public Integer call()
    {
        try
        {
            return validate();
        }
        catch (final InputException refused)
        {
            throw overrides.withSets(file, refused);
        }
    }

    private Integer validate()
    {
        final ExperimentConfig config = overrides.load(file);
        // The same plan and memory check as sim run: what validate accepts, run accepts.
        final NetworkPlan plan = NetworkAssembler.plan(config);
        final PrintWriter out = spec.commandLine().getOut();
        // With the --resume checkpoint's size, as sim run counts it: their refusals were two lines apart.
        RunCommand.ofFile(file, () -> MemoryCheck.require(config.name(), plan.memory(config.steps()), 1, null, null,
            resume == null ? 0 : RunCommand.sizeOf(resume), spec.commandLine().getErr()));
        // Before anything is printed: a refused checkpoint is one line, as sim run's.
        final Network.StateHeader resumed = resume != null ? resumeHeader(plan, config) : null;
        if (resumed != null)
        {
            dryResume(plan, config, resumed);
        }
        out.printf(Locale.ROOT, "%s: valid experiment '%s': %d neurons, about %.0f synapses, %s ms, seed %d%s%n",
            org.izhsim.core.InputException.escaped(file.toString(), false), config.name(), plan.neurons(), plan.expectedSynapses(), Numbers.format(config.durationMs()),
            config.seed(), config.noiseSeed() != null ? ", noise seed " + config.noiseSeed() : "");
        for (int p = 0; p < plan.populations().size(); p++)
        {
            final PopulationRange population = plan.populations().get(p);
            final org.izhsim.network.build.PopulationSpec spec = plan.populationSpecs().get(p);
            out.printf(Locale.ROOT, "  %-12s neurons %d..%d%s%n", population.name(), population.first(),
                population.end() - 1, spec.isPoissonSource() ? ", Poisson sources at " +
                Numbers.format(spec.poissonRateHz()) + " Hz" : spec.isSource() ? ", spike sources at given times (" +
                spikeTimes(spec) + (spec.repeatEveryMs() > 0 ? ", repeated every " + spec.repeatEveryMs() + " ms)" :
                ")") : spec.model2007() != null ? ", " + spec.model2007().describe() +
                bookCell(spec.model2007(), config, p) :
                ", Izhikevich 2003" + neuronParameters(config, p));
        }
        describePlasticity(plan, out);
        final long firstStep = resumed == null ? 0 : resumed.step();
        plan.spikeTimesOutside(firstStep, firstStep + config.steps()).forEach(late -> out.println("  note: " + late));
        out.printf(Locale.ROOT, "  %d %s, %s delivery, memory %s; heap limit %s%n", plan.threads(),
            plan.threads() == 1 ? "thread" : plan.pipelinesPlasticity() ? "threads (dynamics and plasticity)" : "threads",
            plan.delivery().name().toLowerCase(Locale.ROOT), plan.memory(config.steps()).describe(),
            MemoryEstimate.bytes(HostInfo.heapLimitBytes()));
        // Where the outputs go is sim run's --out: the disk is checked there, and only the need is printed here.
        final DiskEstimate disk = ExperimentRuns.diskEstimate(config, plan);
        out.printf(Locale.ROOT, "  outputs on disk: %s%s%n", disk.total() > 0 ? disk.describe() + " and " : "",
            disk.describeSpikes());
        if (resumed != null)
        {
            describeResume(resumed, config, out);
        }
        out.flush();
        return 0;
    }

    /**
     * What will learn: the rule, its projections and plastic synapses, and dastdp2007's rewarded synapse as the seed's
     * connectivity resolves it (a user had to run a network to learn which synapse "pre 0's synapse 1" is).
     */
    private static void describePlasticity(final NetworkPlan plan, final PrintWriter out)
    {
        final org.izhsim.network.build.PlasticityRule rule = plan.plasticity();
        if (rule == null)
        {
            return;
        }
        final java.util.List<String> plastic = new java.util.ArrayList<>();
        for (final org.izhsim.network.build.ResolvedProjection p : plan.projections())
        {
            if (plan.receptors().spec(p.index()).plasticity() != null)
            {
                plastic.add(plan.receptors().spec(p.index()).displayName());
            }
        }
        final org.izhsim.network.build.PlasticityRule.Reward reward = rule.reward();
        out.printf(Locale.ROOT, "  plasticity %s on %s: about %,.0f plastic synapses, weights in [%s, %s]%s%n",
            rule.kind().name().toLowerCase(Locale.ROOT), String.join(", ", plastic), plan.expectedPlasticSynapses(),
            Numbers.format(rule.wMin()), Numbers.format(rule.wMax()), reward == null ? "" :
            "; rewarded synapse " + reward.pre() + " -> " + reward.post() + (reward.synapse() >= 1 ? " (pre " +
            reward.pre() + "'s synapse " + reward.synapse() + " with this seed)" : ""));
    }

    /**
     * --resume: the checkpoint's header against the plan, with sim run's refusal (a user planning to continue a run
     * with an edited file had to start the run to learn that the file was refused).
     */
    private Network.StateHeader resumeHeader(final NetworkPlan plan, final ExperimentConfig config)
    {
        final String unreadable = org.izhsim.core.InputFile.problem(resume);
        if (unreadable != null)
        {
            throw new InputException("--resume " + resume + ": " + unreadable);
        }
        try
        {
            return Network.checkStateHeader(resume, plan);
        }
        catch (final InputException ex)
        {
            throw RunCommand.namingResume(RunCommand.withPlasticityPlace(ex, config, overrides));
        }
    }

    /**
     * --resume once the header agrees: the network built and the state read into it, as sim run does, so that what
     * validate accepts, run resumes (the header alone let through a file that run refused for other neuron parameters,
     * other synapses or a truncated state). The network is let go at once.
     */
    private void dryResume(final NetworkPlan plan, final ExperimentConfig config, final Network.StateHeader header)
    {
        // Under the checkpoint's noise seed when the config gives none, as sim run builds it (a network built without
        // one refuses a file run under another).
        final boolean fileNoise = config.noiseSeed() == null && header.noiseSeed().isPresent() &&
            header.noiseSeed().getAsLong() != config.effectiveNoiseSeed();
        try (Network network = Network.build(fileNoise ?
            NetworkAssembler.plan(config.withNoiseSeed(header.noiseSeed().getAsLong())) : plan))
        {
            network.restoreState(resume);
            RunCommand.requireEndWithinSteps(network, config, resume);
        }
        catch (final InputException ex)
        {
            throw RunCommand.namingResume(RunCommand.withPlasticityPlace(RunCommand.withConnectionFiles(ex, config),
                config, overrides));
        }
    }

    /** What the --resume checkpoint holds, its header and state having agreed. */
    private void describeResume(final Network.StateHeader header, final ExperimentConfig config, final PrintWriter out)
    {
        out.printf(Locale.ROOT, "  --resume %s: a state of this network%s%s (the network built and the state read: its " +
            "neuron parameters, synapses and checksum agree)%n", resume,
            RunCommand.atTime(header.step(), config),
            header.noiseSeed().isPresent() ? ", made under noise seed " + header.noiseSeed().getAsLong() +
                (header.noiseSeed().getAsLong() == config.effectiveNoiseSeed() ? "" : config.noiseSeed() != null ?
                    " (the run would draw noise seed " + config.noiseSeed() + "'s noise)" :
                    " (the run would go on under it)") : "");
    }

    /** "1 spike time", "12 spike times" of a spike-times source population. */
    private static String spikeTimes(final org.izhsim.network.build.PopulationSpec spec)
    {
        final long n = java.util.Arrays.stream(spec.spikeTimesMs()).mapToLong(t -> t.length).sum();
        return String.format(Locale.ROOT, "%,d %s", n, n == 1 ? "spike time" : "spike times");
    }

    /**
     * ", a 0.03, b -2, c -50, d 100" of population {@code p} as its file gives them: with --set populations.exc.model=
     * izhikevich2007 and params.type=RS on a 2003 file the file's a, b, c, d stay, and the line showed only the RS
     * cell's constants (a tester's 14 spikes where the book's RS fires 8).
     */
    /**
     * ", the book's FS cell (Fig. 8.27); a 0.2, b 0.025, c -45, d 0" when a 2007 population has the constants and rules of one of the book's cells
     * (CellType2007, Izhikevich 2007, ch. 8), with the parameters among a, b, c, d that differ from the cell's and the
     * cell's values ("the book's FS cell (Fig. 8.27) with d changed from 0; ... d 30"), then the population's a, b, c, d; those alone
     * for a population of other constants. A file's {@code params: FS}
     * showed the constants and the cubic rule alone, and the reader had to recognise the cell.
     */
    static String bookCell(final org.izhsim.network.build.Izhikevich2007 model,
        final org.izhsim.config.ExperimentConfig config, final int p)
    {
        for (final org.izhsim.core.model.CellType2007 type : org.izhsim.core.model.CellType2007.values())
        {
            final org.izhsim.core.model.Izhikevich2007Model cell = type.model();
            if (!org.izhsim.network.build.Izhikevich2007.of(cell, model.stepsPerMs()).equals(model))
            {
                continue;
            }
            final org.izhsim.config.NeuronParameters params = config.populations().get(p).params();
            final java.util.List<String> names = new java.util.ArrayList<>();
            final java.util.List<String> values = new java.util.ArrayList<>();
            final String[] keys = {"a", "b", "c", "d"};
            final double[] book = {cell.a(), cell.b(), cell.c(), cell.d()};
            final org.izhsim.config.ParameterValue[] given = params == null ? null :
                new org.izhsim.config.ParameterValue[] {params.a(), params.b(), params.c(), params.d()};
            for (int i = 0; given != null && i < 4; i++)
            {
                if (!given[i].constant() || Double.compare(given[i].at(0), book[i]) != 0)
                {
                    names.add(keys[i]);
                    values.add(Numbers.format(book[i]));
                }
            }
            return ", the book's " + type.name() + " cell (" + type.figure() + ")" + (names.isEmpty() ? "" :
                " with " + String.join(", ", names) + " changed from " + String.join(", ", values)) +
                neuronParameters(config, p).replaceFirst("^, ", "; ");
        }
        return neuronParameters(config, p);
    }

    private static String neuronParameters(final org.izhsim.config.ExperimentConfig config, final int p)
    {
        final org.izhsim.config.NeuronParameters params = config.populations().get(p).params();
        return params == null ? "" : ", a " + params.a().source() + ", b " + params.b().source() + ", c " +
            params.c().source() + ", d " + params.d().source();
    }
}
