package org.izhsim.network.engine;

import org.izhsim.network.build.SpikeDelivery;

/** {@link NetworkApiMisuseTest}'s child JVM: builds and runs a small network through the Java API. */
public final class SmallHeapBuild
{
    private SmallHeapBuild()
    {
    }

    public static void main(final String[] args)
    {
        try (Network network = Network.build(DeterminismTest.network(1, SpikeDelivery.ARRIVAL_RING)))
        {
            System.out.println("ran " + network.run(10).steps() + " steps");
        }
    }
}
