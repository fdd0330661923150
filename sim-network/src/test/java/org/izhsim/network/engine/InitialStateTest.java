package org.izhsim.network.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.izhsim.config.ExperimentLoader;
import org.izhsim.config.NetworkAssembler;
import org.izhsim.core.InputException;
import org.junit.jupiter.api.Test;

/**
 * {@code v0} as an expression of a uniform r, as poly_spnet.cpp starts its neurons ({@code v = -65 + 10 rand},
 * line 169): every neuron's own start in [-65, -55), u = b v, the same for any thread count, and drawn apart from
 * the r of the neuron's parameters (net.m's heterogeneity), which a config could not do before (v0 was one number).
 */
class InitialStateTest
{
    private static final String YAML = String.join("\n",
        "populations:",
        "  exc: {size: 800, v0: -65 + 10*r, params: {a: 0.02, b: 0.2, c: -65 + 15*r^2, d: 8 - 6*r^2}}",
        "  inh: {size: 200, params: {a: 0.1, b: 0.2, c: -65, d: 2}}",
        "");

    private static Network build(final int threads)
    {
        return Network.build(NetworkAssembler.builder(ExperimentLoader.parse(YAML, "v0.yaml")).seed(7).threads(threads));
    }

    @Test
    void anExpressionOfRGivesEachNeuronItsOwnStartIndependentlyOfItsParameters()
    {
        try (Network one = build(1); Network three = build(3))
        {
            final NeuronArrays s = one.state();
            assertArrayEquals(java.util.Arrays.copyOf(s.v, 1000), java.util.Arrays.copyOf(three.state().v, 1000));
            double low = Double.MAX_VALUE;
            double high = -Double.MAX_VALUE;
            int sameR = 0;
            for (int i = 0; i < 800; i++)
            {
                low = Math.min(low, s.v[i]);
                high = Math.max(high, s.v[i]);
                assertEquals(s.b[i] * s.v[i], s.u[i], "u = b v");
                // Had v0 used the parameters' r, c would be -65 + 15 ((v + 65) / 10)^2 for every neuron.
                final double r = (s.v[i] + 65) / 10;
                sameR += Math.abs(-65 + 15 * r * r - s.c[i]) < 1e-3 ? 1 : 0;
            }
            assertTrue(low >= -65 && high < -55 && high - low > 9.5, low + " .. " + high);
            assertTrue(sameR < 8, sameR + " of 800 neurons start where their parameters' r puts them");
            for (int i = 800; i < 1000; i++)
            {
                assertEquals(-65.0f, s.v[i], "the default start");
            }
        }
    }

    @Test
    void anExpressionOutsideTheFloatRangeIsLocated()
    {
        final String message = assertThrows(InputException.class, () -> NetworkAssembler.plan(ExperimentLoader.parse(
            "populations:\n  exc: {size: 10, v0: 1/r, params: {a: 0.02, b: 0.2, c: -65, d: 8}}\n", "v0.yaml"))).getMessage();
        assertEquals("v0.yaml:2:23: expression '1/r' for 'v0' is Infinity at r = 0; it must be finite for every r in " +
            "[0, 1)", message);
    }
}
