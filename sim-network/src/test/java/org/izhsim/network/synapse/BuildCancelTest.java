package org.izhsim.network.synapse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;

import org.izhsim.network.build.ReferenceNetworks;
import org.izhsim.network.engine.Network;
import org.junit.jupiter.api.Test;

/** A build asked to stop ends at a chunk boundary; a build outside {@link BuildCancel#unless} is never stopped. */
class BuildCancelTest
{
    @Test
    void aStoppedBuildEndsAndTheNextBuildOnThisThreadIsNotStopped()
    {
        final AtomicInteger asked = new AtomicInteger();
        assertThrows(BuildCancel.Cancelled.class, () -> BuildCancel.unless(() -> asked.incrementAndGet() > 0,
            () -> Network.build(ReferenceNetworks.cortex2003().seed(1).threads(2))));
        // Each of the 2 build threads asks before its first chunk and stops there: no further chunk asks again.
        assertTrue(asked.get() >= 1 && asked.get() <= 2, "asked " + asked.get() + " times");
        // The condition belongs to that build only: the same thread builds the same network to the end afterwards.
        try (Network built = Network.build(ReferenceNetworks.cortex2003().seed(1).threads(2)))
        {
            assertEquals(1_000_000, built.synapseCount());
        }
        // Not asked to stop: the build under a condition is the same network.
        try (Network built = BuildCancel.unless(() -> false,
            () -> Network.build(ReferenceNetworks.cortex2003().seed(1).threads(2))))
        {
            assertEquals(1_000_000, built.synapseCount());
        }
    }
}
