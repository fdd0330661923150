package org.izhsim.output;

import org.izhsim.network.PopulationRange;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Renders every figure with synthetic data to target/figures for a person to look at:
 * {@code java -cp ... org.izhsim.output.RenderSamples}. Prints how long the million-spike raster took.
 */
public final class RenderSamples
{
    private RenderSamples()
    {
    }

    /**
     * 20 panels: the four cortical types of Izhikevich (2003), Fig. 2, at five step amplitudes.
     */
    static GalleryFigure gallery()
    {
        final GalleryFigure gallery = new GalleryFigure("Synthetic gallery: 20 panels", 5, 4);
        final double[][] types = {{0.02, 0.2, -65, 8}, {0.02, 0.2, -55, 4}, {0.02, 0.2, -50, 2}, {0.1, 0.2, -65, 2}};
        final String[] names = {"regular spiking", "intrinsically bursting", "chattering", "fast spiking"};
        for (int k = 0; k < 20; k++)
        {
            final double[] p = types[k % 4];
            final double amplitude = 3 + 3 * (k / 4);
            final SyntheticNeuron n = new SyntheticNeuron(p[0], p[1], p[2], p[3], 100 + 50 * (k % 3), 10, amplitude);
            gallery.add("(" + (char)('A' + k) + ") " + names[k % 4] + ", I = " + (int)amplitude, n.t, n.v, n.current);
        }
        return gallery;
    }

    static final java.util.List<PopulationRange> CORTEX = java.util.List.of(
        new PopulationRange("excitatory", 0, 800), new PopulationRange("inhibitory", 800, 200));

    /**
     * Uniform random spikes: {@code count} of them over {@code neurons} x {@code durationMs}, times on
     * the 0.1 ms grid, unsorted.
     */
    static SpikeList randomSpikes(final int count, final int neurons, final double durationMs, final long seed)
    {
        final java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        final float[] times = new float[count];
        final int[] ids = new int[count];
        for (int k = 0; k < count; k++)
        {
            times[k] = (float)(random.nextInt((int)(durationMs * 10)) / 10.0);
            ids[k] = random.nextInt(neurons);
        }
        return SpikeList.of(times, ids, count);
    }

    /**
     * Poisson-like spikes at ~8 Hz modulated by a 10 Hz rhythm with sharper 40 Hz volleys, enough to
     * look like the alpha and gamma episodes of Izhikevich (2003), Fig. 3.
     */
    static SpikeList rhythmicSpikes(final int neurons, final double durationMs, final long seed)
    {
        final java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        final double dt = 0.1;
        final int steps = (int)(durationMs / dt);
        double[] times = new double[1024];
        int[] ids = new int[1024];
        int n = 0;
        for (int s = 0; s < steps; s++)
        {
            final double t = s * dt;
            final double alpha = Math.pow(Math.max(0, Math.sin(2 * Math.PI * t / 100)), 6);
            final double gamma = t > 500 && t < 800 ? Math.pow(Math.max(0, Math.sin(2 * Math.PI * t / 25)), 8) : 0;
            final double hz = 2 + 40 * alpha + 60 * gamma;
            final double p = hz * dt / 1000;
            for (int id = 0; id < neurons; id++)
            {
                if (random.nextDouble() < p)
                {
                    if (n == times.length)
                    {
                        times = java.util.Arrays.copyOf(times, 2 * n);
                        ids = java.util.Arrays.copyOf(ids, 2 * n);
                    }
                    times[n] = t;
                    ids[n++] = id;
                }
            }
        }
        return SpikeList.of(times, ids, n);
    }

    /**
     * The regular-spiking cell of Izhikevich (2007), "Dynamical Systems in Neuroscience", Fig. 8.12:
     * C dv/dt = k (v - vr)(v - vt) - u + I, du/dt = a (b (v - vr) - u), reset at v = 35 mV.
     *
     * @return {t, v, u, I, spike times}
     */
    static double[][] regularSpiking2007(final double durationMs, final double onsetMs, final double pA)
    {
        final double dt = 0.05;
        final int n = (int)Math.round(durationMs / dt) + 1;
        final double[][] out = new double[5][n];
        double v = -60;
        double u = 0;
        int spikes = 0;
        for (int k = 0; k < n; k++)
        {
            final double t = k * dt;
            final double input = t >= onsetMs ? pA : 0;
            out[0][k] = t;
            out[3][k] = input;
            if (v >= 35)
            {
                out[1][k] = 35;
                out[2][k] = u;
                out[4][spikes++] = t;
                v = -50;
                u += 100;
                continue;
            }
            out[1][k] = v;
            out[2][k] = u;
            final double dv = (0.7 * (v + 60) * (v + 40) - u + input) / 100;
            final double du = 0.03 * (-2 * (v + 60) - u);
            v = Math.min(35, v + dt * dv);
            u += dt * du;
        }
        out[4] = java.util.Arrays.copyOf(out[4], spikes);
        return out;
    }

    public static void main(final String[] args) throws Exception
    {
        final Path dir = Path.of(args.length > 0 ? args[0] : "target/figures");
        Files.createDirectories(dir);
        final SyntheticNeuron rs = new SyntheticNeuron(300, 20, 10);
        final NeuronFigure neuron = new NeuronFigure("Regular spiking (RS), Izhikevich 2003", rs.t, rs.v, rs.u, rs.current, "", rs.spikes)
            .nullclines((v, i) -> 0.04 * v * v + 5 * v + 140 + i, v -> 0.2 * v, 10);
        neuron.writePng(dir.resolve("neuron.png"));
        neuron.writeSvg(dir.resolve("neuron.svg"));
        final double[][] rs2007 = regularSpiking2007(400, 50, 70);
        new NeuronFigure("Regular spiking, Izhikevich 2007 (C = 100 pF, k = 0.7), I = 70 pA",
            rs2007[0], rs2007[1], rs2007[2], rs2007[3], "pA", rs2007[4])
            .nullclines((v, i) -> 0.7 * (v + 60) * (v + 40) + i, v -> -2 * (v + 60), 70)
            .writePng(dir.resolve("neuron-2007.png"));
        gallery().writePng(dir.resolve("gallery.png"));
        gallery().writeSvg(dir.resolve("gallery.svg"));
        final SpikeList million = randomSpikes(1_000_000, 1000, 1000, 42);
        final RasterFigure big = new RasterFigure("1,000,000 random spikes, 1000 neurons", million, 1000, CORTEX, 0, 1000);
        for (int warm = 0; warm < 2; warm++)
        {
            final long start = System.nanoTime();
            big.build().toImage();
            System.out.printf("raster of 1,000,000 spikes rendered in %.0f ms%n", (System.nanoTime() - start) / 1e6);
        }
        big.writePng(dir.resolve("raster-million.png"));
        big.writeSvg(dir.resolve("raster-million.svg"));
        final RasterFigure rhythm = new RasterFigure("Synthetic network: 800 excitatory, 200 inhibitory neurons",
            rhythmicSpikes(1000, 1000, 7), 1000, CORTEX, 0, 1000);
        rhythm.writePng(dir.resolve("raster.png"));
        rhythm.writeSvg(dir.resolve("raster.svg"));
        System.out.println("wrote " + dir.toAbsolutePath());
    }
}
