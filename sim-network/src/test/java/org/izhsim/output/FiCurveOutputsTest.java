package org.izhsim.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** fi.png's rate line: the curve is drawn where it is known. */
class FiCurveOutputsTest
{
    /**
     * The book's FS cell jumps from silence to about 21 Hz at its rheobase (class 2), and the line from (60 pA, 0) to
     * (80 pA, 30 Hz) drew the jump as a ramp: the line breaks between a current that did not fire and one that did,
     * both ways, and runs on between currents that both fired or both did not.
     */
    @Test
    void theRateLineBreaksBetweenSilenceAndFiring()
    {
        final double[][] line = FiCurveOutputs.brokenAtOnsets(new double[] {0, 20, 40, 60, 80, 100, 120},
            new double[] {0, 0, 0, 30, 40, 0, 0});
        assertArrayEquals(new double[] {0, 20, 40, 50, 60, 80, 90, 100, 120}, line[0]);
        assertArrayEquals(new double[] {0, 0, 0, Double.NaN, 30, 40, Double.NaN, 0, 0}, line[1]);
        final double[][] firing = FiCurveOutputs.brokenAtOnsets(new double[] {1, 2}, new double[] {5, 9});
        assertArrayEquals(new double[] {1, 2}, firing[0]);
        assertArrayEquals(new double[] {5, 9}, firing[1]);
    }
}
