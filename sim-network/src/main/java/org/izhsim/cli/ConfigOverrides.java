package org.izhsim.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import org.izhsim.config.ExperimentConfig;
import org.izhsim.config.ExperimentLoader;
import org.izhsim.core.InputException;
import org.izhsim.core.InputException;
import picocli.CommandLine.Option;

/**
 * The command line's overrides of an experiment file's {@code threads}, {@code duration_ms} and {@code seed}, for
 * {@code sim run} and {@code sim validate} alike: a file validate accepts with them is one run accepts with them
 * (validate had none, and could not check, e.g., a dastdp2007 reward under another seed).
 */
final class ConfigOverrides
{
    @Option(names = "--threads", paramLabel = "N|auto", description = "Worker threads (default: the config's).")
    String threads;

    @Option(names = "--duration", paramLabel = "MS", description = "Simulated time (default: the config's).")
    Double duration;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of every random draw (default: the config's).")
    Long seed;

    @Option(names = "--noise-seed", paramLabel = "S", description = "Seed of the draws made as the network runs " +
        "(input noise, Poisson, random_input, reward delays), apart from --seed's network (default: the config's " +
        "noise_seed, else the seed): the same network with other noise.")
    Long noiseSeed;

    // The examples are lines of their own, last: picocli wraps at any line break opportunity, the dot after "#1" too,
    // and split "--set projections.#1." from "weight=0.4" on two lines, easy to copy wrongly.
    @Option(names = "--set", paramLabel = "KEY=VALUE", description = { "Replace or add one value of the config, " +
        "repeatable (a list item by its name or place, #1 the first; the value is YAML), checked as the file is; " +
        "--seed, --duration, --threads apply after. For example:",
        "  --set populations.exc.size=400", "  --set projections.#1.weight=0.4" })
    List<String> sets = new ArrayList<>();

    @Option(names = "--unset", paramLabel = "KEY", description = { "Remove one key of the config, repeatable, before " +
        "the --set values (a list item by its name or place is removed whole). For example:",
        "  --unset 'projections.#1.plasticity'" })
    List<String> unsets = new ArrayList<>();

    /** The text {@link #load} read, or null before. */
    private String text;

    /** The experiment in {@code file} with every override given. */
    ExperimentConfig load(final Path file)
    {
        // Read once: a named pipe (sim run <(sed ...)) gives its text once, and the run's copy of it is that text.
        text = ExperimentLoader.readText(file);
        return applyTo(ExperimentLoader.parse(text, file.toString(), changes(), ExperimentLoader.baseDirectory(file)));
    }

    /** The file's changes in the order they apply: the --unset keys, then the --set values. */
    List<String> changes()
    {
        final List<String> changes = new ArrayList<>();
        for (final String key : unsets)
        {
            changes.add(ExperimentLoader.unset(key));
        }
        changes.addAll(sets);
        return changes;
    }

    /** {@link #changes} as messages name them ("--set KEY=VALUE", "--unset KEY"). */
    List<String> shownChanges()
    {
        final List<String> shown = new ArrayList<>();
        for (final String change : changes())
        {
            shown.add(ExperimentLoader.setLabel(change));
        }
        return shown;
    }

    /**
     * A refusal located in {@code file} while overrides are in effect, with them named: a check that spans several
     * keys (delay_max_ms against an overridden delay_min_ms, a required key an overridden rule needs) points at a line
     * the user did not change, and said nothing of the --set that made it fail.
     */
    InputException withSets(final java.nio.file.Path file, final InputException refused)
    {
        if (changes().isEmpty() || refused.getMessage() == null || !refused.getMessage().startsWith(file + ":"))
        {
            return refused;
        }
        final InputException named = new InputException(refused.getMessage() + " (in the file as changed by " +
            String.join(", ", shownChanges()) + ")");
        named.initCause(refused);
        return named;
    }

    /** The file's text as {@link #load} read it, for the run's provenance. */
    String text()
    {
        return text;
    }

    /** {@code loaded} with the options given. */
    ExperimentConfig applyTo(final ExperimentConfig loaded)
    {
        ExperimentConfig config = loaded;
        if (seed != null)
        {
            config = config.withSeed(seed);
        }
        if (noiseSeed != null)
        {
            config = config.withNoiseSeed(noiseSeed);
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
        // Syntax only: the upper bound is the network plan's rule (Checks.MAX_THREADS); a count too long for an int
        // is over it too (2147483647 was "must be a whole number >= 1").
        final int threads = org.izhsim.config.ExperimentConfig.wholeThreads(text);
        if (threads == Integer.MAX_VALUE)
        {
            throw new InputException("--threads: " + org.izhsim.network.build.Checks.threadsOverMaximum(text));
        }
        if (threads < 1)
        {
            throw new InputException("--threads must be a whole number >= 1 or auto (one per free core), got '" +
                (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "'");
        }
        return OptionalInt.of(threads);
    }
}
