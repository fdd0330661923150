package org.izhsim.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import java.util.OptionalInt;

import org.izhsim.config.ExperimentConfig;
import org.izhsim.config.ExperimentLoader;
import org.izhsim.config.NetworkAssembler;
import org.izhsim.network.engine.Network;
import org.junit.jupiter.api.Test;

/**
 * Which steps a repeat measures. A quick bench showed cortex2003 with 7136 spikes at 1 thread and 7210 at 2: the
 * measured steps followed a warm-up repeated until 2 s of wall time had passed, so each case measured another window.
 */
class EndToEndRunnerTest
{
    private static final int WARMUP = 50;
    private static final int STEPS = 100;

    @Test
    void everyThreadCountMeasuresTheSameStepsHoweverLongTheJitWarmUpLasted()
    {
        final ExperimentConfig config = ExperimentLoader.load(Path.of("..", "configs", "cortex2003.yaml"));
        final long expected = spikes(config, WARMUP, STEPS);
        // The count tells the windows apart: the window one warm-up round later fires another number of spikes.
        assertNotEquals(expected, spikes(config, 2 * WARMUP, STEPS));

        // One round of JIT warm-up (at least 0 ns), then many rounds (at least 300 ms): the same measured steps.
        assertEquals(expected, EndToEndRunner.once(config, 1, WARMUP, STEPS, false, 0).sample().spikes(), "1 thread");
        assertEquals(expected, EndToEndRunner.once(config, 2, WARMUP, STEPS, false, 300_000_000L).sample().spikes(),
            "2 threads, a longer JIT warm-up");
        // A learning network's measured steps are the first ones, whatever its warm-up.
        assertEquals(spikes(config, 0, STEPS),
            EndToEndRunner.once(config, 2, WARMUP, STEPS, true, 300_000_000L).sample().spikes(), "from the start");
    }

    /** Spikes of steps {@code from .. from + steps - 1} of a fresh 1-thread network. */
    private static long spikes(final ExperimentConfig config, final int from, final int steps)
    {
        try (Network network = Network.build(NetworkAssembler.builder(config.withThreads(OptionalInt.of(1)))))
        {
            if (from > 0)
            {
                network.run(from);
            }
            return network.run(steps).spikeCount();
        }
    }
}
