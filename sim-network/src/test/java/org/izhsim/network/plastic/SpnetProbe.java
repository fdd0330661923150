package org.izhsim.network.plastic;

import org.izhsim.network.build.ReferenceNetworks;
import org.izhsim.network.engine.Network;
import org.izhsim.network.record.SimulationResult;
import org.izhsim.network.synapse.PlasticWeights;

/** Manual probe, not a test: runs spnet2006 and prints rates and weight statistics per simulated chunk. */
public final class SpnetProbe
{
    public static void main(final String[] args)
    {
        final int seconds = Integer.parseInt(args[0]);
        final int threads = Integer.parseInt(args[1]);
        try (Network net = ReferenceNetworks.spnet2006().threads(threads).spikeCapacity(1 << 20).build())
        {
            final long t0 = System.nanoTime();
            for (int s = 0; s < seconds; s += 10)
            {
                final SimulationResult r = net.run(10_000);
                final float[] w = PlasticWeights.of(net.synapses(), net.plasticity()).weights();
                int low = 0, high = 0;
                double mean = 0;
                for (final float x : w)
                {
                    mean += x;
                    low += x < 1 ? 1 : 0;
                    high += x > 9 ? 1 : 0;
                }
                System.out.printf("t=%ds rate=%.2f Hz mean w=%.3f low=%.3f high=%.3f wall=%.1fs%n", s + 10,
                    r.spikeSteps().length / 1000.0 / 10, mean / w.length, low / (double)w.length, high / (double)w.length,
                    (System.nanoTime() - t0) / 1e9);
            }
        }
    }
}
