package org.izhsim.network.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * MPI ranks compare the networks they built by hashes of their plans: a connection rule hashed by its kind's identity
 * hash differed between two JVMs, and every rank of every job refused the others' "other populations or projections".
 * The same rules hash alike in another JVM.
 */
class RuleHashAcrossJvmsTest
{
    /** Prints the hashes of a few rules, for the test's other JVM. */
    public static void main(final String[] args)
    {
        System.out.print(hashes());
    }

    private static String hashes()
    {
        return ConnectionRule.allToAll().hashCode() + " " + ConnectionRule.fixedOutdegree(100).hashCode() + " " +
            ConnectionRule.fixedIndegree(7).hashCode() + " " + ConnectionRule.pairwiseProbability(0.1).hashCode() + " " +
            ConnectionRule.oneToOne().hashCode();
    }

    @Test
    void rulesHashAlikeInAnotherJvm() throws Exception
    {
        final Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"), RuleHashAcrossJvmsTest.class.getName())
            .redirectErrorStream(true).start();
        final String printed = new String(other.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        other.waitFor(60, TimeUnit.SECONDS);
        assertEquals(hashes(), printed);
    }
}
