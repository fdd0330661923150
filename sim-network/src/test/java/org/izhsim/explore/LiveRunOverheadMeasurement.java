package org.izhsim.explore;

import org.izhsim.config.ExperimentConfig;
import org.izhsim.config.ExperimentLoader;
import org.izhsim.config.NetworkAssembler;
import org.izhsim.network.engine.Network;
import org.izhsim.network.record.SimulationResult;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

/**
 * What the live view costs a cortex2003 run: one uninterrupted {@code Network.run(1000)} against the explorer's
 * loop of chunks (sized to about 50 ms of wall time each) with publishing (formatting each chunk's event once, as for any number of clients), alternated to share the machine's noise.
 * A measurement that prints its numbers, not a timed assertion; run it by hand:
 * {@code mvn -pl sim-network -am package -DskipTests}, then from sim-network
 * {@code java -cp target/izhsim.jar:target/test-classes org.izhsim.explore.LiveRunOverheadMeasurement}.
 */
@Tag("slow")
class LiveRunOverheadMeasurement
{
    private static final int REPEATS = 41;

    public static void main(final String[] args) throws Exception
    {
        new LiveRunOverheadMeasurement().chunkedLiveRunAgainstOneRun();
    }

    @Test
    void chunkedLiveRunAgainstOneRun() throws Exception
    {
        for (final double durationMs : new double[] {1000, 10_000})
        {
            for (final int threads : new int[] {1, 2})
            {
                measure(threads, durationMs);
            }
        }
    }

    private static void measure(final int threads, final double durationMs) throws Exception
    {
        final ExperimentConfig config = ExperimentLoader.load(Path.of("..", "configs", "cortex2003.yaml"))
            .withThreads(OptionalInt.of(threads)).withDurationMs(durationMs);
        final EventHub hub = new EventHub();
        final LiveRun live = new LiveRun(Path.of("target", "overhead-out"), hub);
        final double[] whole = new double[REPEATS];
        final double[] chunked = new double[REPEATS];
        final double[] inside = new double[REPEATS];
        final int[] calls = new int[REPEATS];
        for (int r = -3; r < REPEATS; r++)
        {
            final Network a = Network.build(NetworkAssembler.builder(config));
            final long t0 = System.nanoTime();
            a.run((int)config.steps());
            final double wholeMs = (System.nanoTime() - t0) * 1e-6;
            final Network b = Network.build(NetworkAssembler.builder(config).spikeCapacity(4096));
            final List<SimulationResult> chunks = new ArrayList<>();
            final double chunkedMs = live.simulate(b, config.steps(), 1, false, chunks::add, null, 0, Long.MAX_VALUE) * 1e-6;
            if (r >= 0)
            {
                whole[r] = wholeMs;
                chunked[r] = chunkedMs;
                inside[r] = chunks.stream().mapToLong(SimulationResult::runNanos).sum() * 1e-6;
                calls[r] = chunks.size();
            }
        }
        System.out.printf("  publishing: %.2f ms per chunk on its own thread%n",
            live.publishNanos() * 1e-6 / (REPEATS + 3) / calls[REPEATS / 2]);
        hub.close(0);
        // Each pair ran back to back, so its ratio cancels most of the machine's drift; the median of the
        // ratios is the figure of merit.
        final double[] ratio = new double[REPEATS];
        for (int r = 0; r < REPEATS; r++)
        {
            ratio[r] = chunked[r] / whole[r];
        }
        Arrays.sort(ratio);
        System.out.printf("  paired: median live/one-run ratio %.3f (quartiles %.3f-%.3f)%n", ratio[REPEATS / 2],
            ratio[REPEATS / 4], ratio[3 * REPEATS / 4]);
        Arrays.sort(whole);
        Arrays.sort(chunked);
        Arrays.sort(inside);
        Arrays.sort(calls);
        System.out.printf("cortex2003, %d thread(s), %.0f ms, median of %d: one run %.1f ms, live chunks " +
            "%.1f ms (%d chunks, %.1f ms inside Network.run): overhead %+.1f %% (min %.1f vs %.1f ms)%n", threads,
            durationMs, REPEATS, whole[REPEATS / 2], chunked[REPEATS / 2], calls[REPEATS / 2], inside[REPEATS / 2],
            100.0 * (chunked[REPEATS / 2] / whole[REPEATS / 2] - 1.0), whole[0], chunked[0]);
    }
}
