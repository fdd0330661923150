package org.izhsim.network.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.izhsim.network.build.NetworkBuilder;
import org.izhsim.network.build.NetworkPlan;
import org.izhsim.network.build.PopulationSpec;
import org.izhsim.network.record.SimulationResult;
import org.izhsim.output.JavaProcess;
import org.izhsim.service.MemoryCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that ends early (Ctrl-C, the disk guard, a blow-up) returned a copy of its traces' first steps, made while the
 * run's whole traces were alive: the memory check counts the traces once, so a traced run stopped at 64 % of its
 * steps ran out of the heap the check had accepted, and {@code sim run} lost all its outputs. The early end's traces
 * are now a view of the run's.
 */
class EarlyEndTracesTest
{
    /** Traced neurons and steps of the child's run: 96 MB of traces, stopped at 70 %. */
    private static final int TRACED = 100;
    private static final int STEPS = 80_000;

    @TempDir
    Path tmp;

    @Test
    void aTracedRunStoppedEarlyEndsInTheHeapTheMemoryCheckAccepted() throws Exception
    {
        // The heap: a little more than the check accepts for this run (124 MB of estimate: it accepts -Xmx130m, refuses
        // -Xmx125m). A copy of 70 % of the traces (67 MB) beside them ran out of it, and of -Xmx160m.
        final ProcessBuilder builder = JavaProcess.builder(tmp, Child.class).redirectErrorStream(true);
        builder.command().addAll(1, List.of("-Xmx140m", "-Xmn8m", "-XX:+UseParallelGC"));
        final Process child = builder.start();
        final String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        child.waitFor(60, TimeUnit.SECONDS);
        assertEquals(0, child.exitValue(), output);
        final Matcher m = Pattern.compile("simulated (\\d+) of " + STEPS + " steps; traces of (\\d+) steps").matcher(output);
        assertTrue(m.matches(), output);
        assertEquals(m.group(1), m.group(2), output);
        final int simulated = Integer.parseInt(m.group(1));
        assertTrue(simulated >= STEPS * 7 / 10 && simulated < STEPS, output);
    }

    /** Checks the run's estimate against its heap, then runs it and stops it at 70 % of its steps. */
    public static final class Child
    {
        public static void main(final String[] args)
        {
            final NetworkPlan plan = new NetworkBuilder().population(PopulationSpec.of("x", TRACED))
                .recordTraces(IntStream.range(0, TRACED).toArray()).threads(1).plan();
            MemoryCheck.require("early", plan.memory(STEPS), 1, null);
            try (Network network = Network.build(plan))
            {
                final SimulationResult result = network.run(STEPS, (done, total, wall) ->
                {
                    if (done >= STEPS * 7 / 10)
                    {
                        network.requestStop();
                    }
                });
                float sum = 0;
                for (int k = 0; k < TRACED; k++)
                {
                    sum += result.traces().v(k, result.steps() - 1);
                }
                System.out.println("simulated " + result.steps() + " of " + STEPS + " steps; traces of " +
                    result.traces().steps() + " steps" + (sum < 0 ? "" : ": v is not at rest"));
            }
        }
    }
}
