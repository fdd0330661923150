package org.izhsim.network.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.izhsim.core.InputException;
import org.izhsim.network.build.InputSpec;
import org.izhsim.network.build.NetworkBuilder;
import org.izhsim.network.build.PopulationSpec;
import org.junit.jupiter.api.Test;

/**
 * A run records v, u and the input of every traced neuron in arrays of one float per step, allocated when the run
 * starts. {@code run(Integer.MAX_VALUE)} with a traced neuron threw an OutOfMemoryError ("Requested array size
 * exceeds VM limit") out of the library; it is refused with one line that says what to do, before anything is
 * allocated, and the network runs on.
 */
class TracesThatCannotFitTest
{
    @Test
    void aRunWhoseTracesCannotBeAllocatedIsRefusedAndTheNetworkRunsOn()
    {
        try (Network network = Network.build(new NetworkBuilder().population(PopulationSpec.of("x", 10))
            .input(InputSpec.dc("x", 10)).recordTraces(0, 3).threads(1)))
        {
            final String message = assertThrows(InputException.class, () -> network.run(Integer.MAX_VALUE)).getMessage();
            assertTrue(message.startsWith("a run of 2147483647 steps cannot record the traces of 2 neurons: they need " +
                "51.5 GB (12 bytes per neuron per step, and a trace holds at most 2147483639 steps) and this JVM may " +
                "use "), message);
            assertTrue(message.endsWith(": run fewer steps at a time (each run continues the last) or trace fewer " +
                "neurons"), message);
            final long tooManyForTheHeap = Runtime.getRuntime().maxMemory() / 24 + 1;
            if (tooManyForTheHeap < Integer.MAX_VALUE - 8)
            {
                assertThrows(InputException.class, () -> network.run((int)tooManyForTheHeap));
            }
            assertEquals(0, network.currentStep());
            assertEquals(100, network.run(100).traces().v(1).length);
        }
    }
}
