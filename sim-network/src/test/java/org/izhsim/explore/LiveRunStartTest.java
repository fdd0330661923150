package org.izhsim.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.izhsim.config.ExperimentConfig;
import org.izhsim.config.ExperimentLoader;
import org.izhsim.config.NetworkAssembler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting a live run: what a start refused for another one says. */
class LiveRunStartTest
{
    @TempDir
    Path out;

    private static ExperimentConfig named(final String name)
    {
        return ExperimentLoader.parse("name: " + name + "\nseed: 1\nduration_ms: 5\npopulations:\n" +
            "  p: {size: 4, params: {a: 0.02, b: 0.2, c: -65, d: 8}, input: {dc: 10}}\n", name + ".yaml");
    }

    private static void awaitEnd(final LiveRun live) throws InterruptedException
    {
        LiveRunWait.untilEnded(live, "the run did not end");
    }

    /**
     * A start refused while another start was being checked (its plan, memory and disk) named the run before
     * ("'finished_long_ago' is still running"): the name was set only after the checks. Here the second start is
     * made from inside the first one's disk check.
     */
    @Test
    void aStartRefusedWhileAnotherIsCheckedNamesThatOne() throws Exception
    {
        final LiveRun live = new LiveRun(out, new EventHub());
        live.start(named("finished_long_ago"), NetworkAssembler.builder(named("finished_long_ago")), false);
        awaitEnd(live);
        final ApiException[] refused = new ApiException[1];
        live.usableSpace(folder ->
        {
            if (refused[0] == null)
            {
                refused[0] = assertThrows(ApiException.class,
                    () -> live.start(named("third"), NetworkAssembler.builder(named("third")), false));
            }
            return Long.MAX_VALUE / 2;
        });
        live.start(named("being_checked"), NetworkAssembler.builder(named("being_checked")), false);
        awaitEnd(live);
        assertEquals(409, refused[0].status());
        assertEquals("'being_checked' is still running; stop it or wait for it to end before starting another run",
            refused[0].getMessage());
        live.close(10_000);
    }
}
