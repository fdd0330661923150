package org.izhsim.cli;

import org.izhsim.config.ExperimentConfig;
import org.izhsim.config.ExperimentLoader;
import org.izhsim.config.NetworkAssembler;
import org.izhsim.network.engine.Network;
import org.izhsim.network.record.SimulationResult;
import org.izhsim.output.OutputDirectory;
import org.izhsim.output.ProgressReporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.Callable;

/**
 * {@code sim run}: builds the network of an experiment file, simulates it and writes its output folder
 * (spikes, raster, rates, traces, summary), all or nothing.
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Run a network experiment and write spikes, raster plots and a summary with the real-time factor.",
        "Outputs go to a temporary folder that is moved into place when complete."
    })
final class RunCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "CONFIG.yaml", description = "Experiment file (see configs/ and docs/config.md).")
    Path file;

    @Option(names = "--threads", paramLabel = "N|auto", description = "Worker threads (default: the config's).")
    String threads;

    @Option(names = "--duration", paramLabel = "MS", description = "Simulated time (default: the config's).")
    Double duration;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of every random draw (default: the config's).")
    Long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: out/<name>).")
    Path out;

    @Option(names = "--quiet", description = "No progress output.")
    boolean quiet;

    @Override
    public Integer call()
    {
        final ExperimentConfig config = overridden(ExperimentLoader.load(file));
        final Path target = out != null ? out : Path.of("out", config.name());
        final PrintWriter stdout = spec.commandLine().getOut();

        try (OutputDirectory dir = OutputDirectory.create(target))
        {
            final Network network = NetworkAssembler.builder(config).build();
            if (!quiet)
            {
                stdout.printf(Locale.ROOT, "%s: built %,d neurons and %,d synapses in %.2f s (%d threads)%n",
                    config.name(), network.neurons(), network.synapseCount(), network.buildNanos() * 1e-9,
                    network.threads());
                stdout.flush();
            }
            final ProgressReporter progress = quiet ? ProgressReporter.quiet() : ProgressReporter.forStandardError(config.dtMs());
            final SimulationResult result = network.run((int)config.steps(), progress::onProgress);
            progress.onFinish(result.steps(), result.runNanos());

            final RunOutputs outputs = new RunOutputs(config, result);
            outputs.writeTo(dir);
            dir.commit();
            outputs.printSummary(stdout, target);
        }
        stdout.flush();
        return 0;
    }

    private ExperimentConfig overridden(final ExperimentConfig loaded)
    {
        ExperimentConfig config = loaded;
        if (seed != null)
        {
            config = config.withSeed(seed);
        }
        if (duration != null)
        {
            config = config.withDurationMs(duration);
        }
        if (threads != null)
        {
            config = config.withThreads(parseThreads(threads));
        }
        return config;
    }

    static OptionalInt parseThreads(final String text)
    {
        if ("auto".equals(text))
        {
            return OptionalInt.empty();
        }
        try
        {
            return OptionalInt.of(Integer.parseInt(text));
        }
        catch (final NumberFormatException ex)
        {
            throw new org.izhsim.core.InputException("--threads must be a whole number >= 1 or auto, got '" + text + "'");
        }
    }
}
