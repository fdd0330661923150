package org.izhsim.network.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.izhsim.config.ExperimentLoader;
import org.izhsim.config.NetworkAssembler;
import org.junit.jupiter.api.Test;

/**
 * MPI ranks compare their plans by hashes of {@link Network#shape}'s descriptions, one JVM per rank: the descriptions
 * must not depend on the JVM (an identity hash code in them would make every job refuse itself, as a connection
 * rule's hash code once did when the ranks compared that: RuleHashAcrossJvmsTest, replaced by this test now that the
 * descriptions are text). Each shipped config with plasticity, conductances, STP, noise and delays describes itself
 * alike in another JVM, and the configs differ from one another.
 */
class PlanShapeAcrossJvmsTest
{
    private static final String[] CONFIGS = {"cortex2003.yaml", "cortex2003_cond.yaml", "stp_demo.yaml",
        "spnet2006.yaml", "dastdp2007.yaml", "sparse10k.yaml"};

    /** Prints the configs' descriptions' hashes, for the test's other JVM. */
    public static void main(final String[] args) throws Exception
    {
        System.out.print(hashes());
    }

    private static String hashes() throws Exception
    {
        final StringBuilder out = new StringBuilder();
        for (final String config : CONFIGS)
        {
            final String[] parts = Network.shape(NetworkAssembler.builder(ExperimentLoader.load(
                Path.of("..", "configs", config))).threads(1).plan());
            out.append(config).append(' ').append(String.join("|", parts).hashCode()).append('\n');
        }
        return out.toString();
    }

    @Test
    void theDescriptionsOfThePlansAreAlikeInAnotherJvm() throws Exception
    {
        final Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"), PlanShapeAcrossJvmsTest.class.getName())
            .redirectErrorStream(true).start();
        final String printed = new String(other.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        other.waitFor(60, TimeUnit.SECONDS);
        final String here = hashes();
        assertEquals(here, printed);
        assertEquals(CONFIGS.length, here.lines().map(line -> line.split(" ")[1]).distinct().count(), here);
        assertNotEquals("", here);
    }
}
