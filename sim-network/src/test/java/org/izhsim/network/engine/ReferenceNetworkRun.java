package org.izhsim.network.engine;

import java.util.Locale;

import org.izhsim.network.analysis.PowerSpectrum;
import org.izhsim.network.analysis.SpikeStatistics;
import org.izhsim.network.build.NetworkBuilder;
import org.izhsim.network.build.ReferenceNetworks;
import org.izhsim.network.build.SpikeDelivery;
import org.izhsim.network.record.SimulationResult;

/**
 * A by-hand measurement, not a test: builds a reference network and prints build time, real-time factor,
 * rates and synapse storage. The end-to-end benchmark of sim-bench is the tool of record; this is for
 * tuning the engine.
 * <pre>
 * java -Xmx6g -XX:+UseTransparentHugePages --add-exports java.base/jdk.internal.misc=ALL-UNNAMED -cp ... \
 *     org.izhsim.network.engine.ReferenceNetworkRun sparse 100000 1 2 3
 * </pre>
 * Arguments: {@code cortex | sparse}, neurons (sparse only), simulated seconds, threads, repeats, and optionally
 * the {@link SpikeDelivery}.
 */
public final class ReferenceNetworkRun
{
    private ReferenceNetworkRun()
    {
    }

    public static void main(final String[] args)
    {
        final boolean cortex = args[0].equals("cortex");
        final int neurons = Integer.parseInt(args[1]);
        final int seconds = Integer.parseInt(args[2]);
        final int threads = Integer.parseInt(args[3]);
        final int repeats = Integer.parseInt(args[4]);
        final SpikeDelivery delivery = args.length > 5 ? SpikeDelivery.valueOf(args[5]) : SpikeDelivery.AUTO;
        for (int r = 0; r < repeats; r++)
        {
            final NetworkBuilder builder = cortex ? ReferenceNetworks.cortex2003() :
                ReferenceNetworks.sparse(neurons, 1000, 20);
            final Network network = Network.build(builder.seed(42).threads(threads).spikeCapacity(1 << 20)
                .delivery(delivery));
            final SimulationResult result = network.run(1000 * seconds);
            final PowerSpectrum spectrum = PowerSpectrum.of(SpikeStatistics.populationRateHz(result, "exc"), 1.0);
            System.out.printf(Locale.ROOT,
                "%s %s n=%d threads=%d build=%.2fs run=%.3fs RTF=%.4f exc=%.2fHz inh=%.2fHz cv=%.2f synapses=%d " +
                "bytes/syn=%.3f events=%d p50=%dus p99=%dus alpha=%.2f gamma=%.2f peaks=%s%n",
                cortex ? "cortex2003" : "sparse", network.delivery(), network.neurons(), network.threads(), network.buildNanos() / 1e9,
                result.runNanos() / 1e9, result.realTimeFactor(), SpikeStatistics.meanRateHz(result, "exc"),
                SpikeStatistics.meanRateHz(result, "inh"), SpikeStatistics.meanIsiCv(result, "exc"),
                result.synapses(), (double)result.synapseBytes() / result.synapses(), result.synapticEvents(),
                result.stepLatency().getValueAtPercentile(50) / 1000,
                result.stepLatency().getValueAtPercentile(99) / 1000, spectrum.relativeAlphaPower(),
                spectrum.relativeGammaPower(), java.util.Arrays.toString(spectrum.peakFrequencies(4, 2, 100)));
        }
    }
}
