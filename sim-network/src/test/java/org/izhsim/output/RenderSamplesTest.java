package org.izhsim.output;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Renders the sample figures to target/figures for visual review:
 * {@code mvn -pl sim-network -am test -Dtest=RenderSamplesTest -DexcludedGroups= -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("slow")
class RenderSamplesTest
{
    @Test
    void rendersEveryFigureAsPngAndSvg() throws Exception
    {
        final Path dir = Path.of("target/figures");
        RenderSamples.main(new String[] {dir.toString()});
        for (final String name : new String[] {"neuron", "gallery", "raster", "raster-million"})
        {
            assertTrue(Files.size(dir.resolve(name + ".png")) > 10_000, name);
            assertTrue(Files.size(dir.resolve(name + ".svg")) > 10_000, name);
        }
    }
}
