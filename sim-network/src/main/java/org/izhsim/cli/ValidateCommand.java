package org.izhsim.cli;

import org.izhsim.config.ExperimentConfig;
import org.izhsim.config.ExperimentLoader;
import org.izhsim.config.PopulationConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code sim validate}: reads an experiment file and reports the first problem, located, or what it describes.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Check an experiment file; print the network it describes, or the first error as file:line:column.")
final class ValidateCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE.yaml", description = "Experiment file.")
    Path file;

    @Override
    public Integer call()
    {
        final ExperimentConfig config = ExperimentLoader.load(file);
        final PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%s: valid experiment '%s': %d neurons, about %.0f synapses, %s ms, seed %d%n",
            file, config.name(), config.neuronCount(), config.expectedSynapseCount(),
            NeuronCommand.format(config.durationMs()), config.seed());
        for (final PopulationConfig population : config.populations())
        {
            out.printf(Locale.ROOT, "  %-12s neurons %d..%d%n", population.name(), population.firstNeuron(),
                population.endNeuron() - 1);
        }
        out.flush();
        return 0;
    }
}
