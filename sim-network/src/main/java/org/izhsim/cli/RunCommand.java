package org.izhsim.cli;

import org.izhsim.config.ExperimentConfig;
import org.izhsim.config.ExperimentLoader;
import org.izhsim.config.NetworkAssembler;
import org.izhsim.core.InputException;
import org.izhsim.network.build.NetworkBuilder;
import org.izhsim.network.engine.Network;
import org.izhsim.network.engine.RealTimePacer;
import org.izhsim.network.engine.StepPacer;
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
    /** Enough for C2 to compile cortex2003's step loop before the first deadline (a cold JVM missed 270 of 1000). */
    private static final int DEFAULT_REALTIME_WARMUP_MS = 300;

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

    @Option(names = "--realtime",
        description = "Pace each 1 ms step to the wall clock; summary.json reports missed deadlines and lateness.")
    boolean realtime;

    @Option(names = "--speed", paramLabel = "X",
        description = "With --realtime: simulated ms per wall-clock ms (default: 1, real time; 0.5 is half speed).")
    Double speed;

    @Option(names = "--warmup", paramLabel = "MS",
        description = "First run a throwaway copy of the network for at least MS, then until the JIT has " +
            "settled, so that the real-time factor is the warm one (default: 300 with --realtime, else 0: " +
            "a cold JVM).")
    Integer warmup;

    @Option(names = "--quiet", description = "No progress output.")
    boolean quiet;

    @Override
    public Integer call()
    {
        if (warmupMs() < 0)
        {
            throw new InputException("--warmup must be >= 0 ms, got " + warmup);
        }
        final double pace = pacingSpeed();
        final ExperimentConfig config = overridden(ExperimentLoader.load(file));
        final Path target = out != null ? out : Path.of("out", config.name());
        final PrintWriter stdout = spec.commandLine().getOut();

        try (OutputDirectory dir = OutputDirectory.create(target))
        {
            final NetworkBuilder builder = NetworkAssembler.builder(config);
            final RealTimePacer pacer = realtime ? RealTimePacer.onClock(builder.clock(), pace) : null;
            final SimulationResult result;
            try (Network network = builder.build())
            {
                if (!quiet)
                {
                    stdout.printf(Locale.ROOT, "%s: built %,d neurons and %,d synapses in %.2f s (%d threads)%n",
                        config.name(), network.neurons(), network.synapseCount(), network.buildNanos() * 1e-9,
                        network.threads());
                    stdout.flush();
                }
                if (warmupMs() > 0)
                {
                    warmUp(config, stdout);
                }
                final ProgressReporter progress = quiet ? ProgressReporter.quiet() :
                    ProgressReporter.forStandardError(config.dtMs());
                try (StopOnSignal signals = new StopOnSignal(network::requestStop))
                {
                    result = network.run((int)config.steps(), progress::onProgress,
                        pacer != null ? pacer : StepPacer.AS_FAST_AS_POSSIBLE);
                }
                progress.onFinish(result.steps(), result.runNanos());
            }

            final RunOutputs outputs = new RunOutputs(config, result, pacer, warmupMs());
            outputs.writeTo(dir);
            dir.commit();
            if (result.stopReason() != SimulationResult.StopReason.COMPLETED)
            {
                return reportEarlyEnd(result, config, target);
            }
            outputs.printSummary(stdout, target);
        }
        stdout.flush();
        return 0;
    }

    /** One line on stderr for a run that ended early (its outputs are committed), and its exit code. */
    private int reportEarlyEnd(final SimulationResult result, final ExperimentConfig config, final Path target)
    {
        final PrintWriter err = spec.commandLine().getErr();
        final String endMs = NeuronCommand.format((result.firstStep() + result.steps()) * config.dtMs());
        if (result.stopReason() == SimulationResult.StopReason.BLOW_UP)
        {
            err.printf(Locale.ROOT, "sim: %s; wrote the outputs up to t = %s ms to %s%n", result.blowUp().message(),
                endMs, target);
            err.flush();
            return Main.EXIT_BLOW_UP;
        }
        err.printf(Locale.ROOT, "sim: interrupted at t = %s ms; wrote %s%n", endMs, target);
        err.flush();
        return Main.EXIT_INTERRUPTED;
    }

    private int warmupMs()
    {
        return warmup != null ? warmup : realtime ? DEFAULT_REALTIME_WARMUP_MS : 0;
    }

    /** A copy, so that the run itself starts from the config's initial state and its spikes do not change. */
    private void warmUp(final ExperimentConfig config, final PrintWriter stdout)
    {
        final long start = System.nanoTime();
        final long simulated;
        try (Network copy = NetworkAssembler.builder(config).build())
        {
            simulated = JitWarmup.run(copy, warmupMs());
        }
        if (!quiet)
        {
            stdout.printf(Locale.ROOT, "%s: warmed up the JIT on a copy: %,d ms simulated in %.2f s%n", config.name(),
                simulated, (System.nanoTime() - start) * 1e-9);
            stdout.flush();
        }
    }

    private double pacingSpeed()
    {
        if (speed == null)
        {
            return 1.0;
        }
        if (!realtime)
        {
            throw new InputException("--speed paces a run to the wall clock and needs --realtime");
        }

        if (!(speed > 0) || speed.isInfinite())
        {
            throw new InputException("--speed must be a positive number (1 = real time), got " + speed);
        }
        return speed;
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
            throw new InputException("--threads must be a whole number >= 1 or auto, got '" + text + "'");
        }
    }
}
