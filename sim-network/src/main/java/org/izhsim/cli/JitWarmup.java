package org.izhsim.cli;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

import org.izhsim.network.engine.Network;
import org.izhsim.network.record.SimulationResult;

/**
 * Runs a throwaway network until the JIT has settled: at least the requested simulated time, then rounds of
 * {@value #ROUND_STEPS} steps until a round of at least {@value #QUIET_ROUND_MILLIS} ms of wall time completed
 * no compilation. Simulated time alone is a poor measure: 10 s of cortex2003 pass in 0.5 s of wall time, while
 * C2 is still compiling on the same two cores, and every compiler slice preempts a worker and stalls the
 * other at the barrier (measured: 2-thread RTF 0.036 after such a warm-up, 0.0105 after a settled one).
 */
final class JitWarmup
{
    static final int ROUND_STEPS = 100;
    static final long QUIET_ROUND_MILLIS = 200;
    static final long MAX_WALL_MILLIS = 20_000;

    private JitWarmup()
    {
    }

    /** @return the simulated ms the warm-up ran. */
    static long run(final Network copy, final int minimumSteps)
    {
        return run(copy, minimumSteps, wanted -> wanted);
    }

    /**
     * Every rank of a partitioned copy must make the same number of runs (each step is a collective): each
     * decision to go on is agreed, going on while any rank wants to (one gather per round of
     * {@value #ROUND_STEPS} steps).
     */
    static long runOnEveryRank(final Network copy, final int minimumSteps)
    {
        return run(copy, minimumSteps, wanted ->
        {
            for (final long[] rank : copy.gatherFromRanks(wanted ? 1 : 0))
            {
                if (rank[0] != 0)
                {
                    return true;
                }
            }
            return false;
        });
    }

    /** Whether to go on: this process's wish in, the decision out (the same in every process of a job). */
    interface Agreement
    {
        boolean goOn(boolean wanted);
    }

    private static long run(final Network copy, final int minimumSteps, final Agreement agreed)
    {
        final CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        final boolean measurable = jit != null && jit.isCompilationTimeMonitoringSupported();
        final long start = System.nanoTime();
        long steps = 0;
        if (minimumSteps > 0)
        {
            final SimulationResult result = copy.run(minimumSteps);
            steps += result.steps();
            if (result.stopReason() != SimulationResult.StopReason.COMPLETED)
            {
                return steps;
            }
        }
        while (agreed.goOn(measurable && (System.nanoTime() - start) / 1_000_000 < MAX_WALL_MILLIS))
        {
            final long compiledBefore = measurable ? jit.getTotalCompilationTime() : 0;
            final long roundStart = System.nanoTime();
            do
            {
                // A copy that blows up cannot run on; the real run will meet the blow-up and report it. Every
                // rank of a partitioned copy stops after the same step, so they all return here.
                final SimulationResult result = copy.run(ROUND_STEPS);
                steps += result.steps();
                if (result.stopReason() != SimulationResult.StopReason.COMPLETED)
                {
                    return steps;
                }
            }
            while (agreed.goOn((System.nanoTime() - roundStart) / 1_000_000 < QUIET_ROUND_MILLIS));
            if (!agreed.goOn(measurable && jit.getTotalCompilationTime() != compiledBefore))
            {
                break;
            }
        }
        return steps;
    }
}
