package org.izhsim.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;

import org.izhsim.core.integrate.Method;
import org.izhsim.core.model.SimpleModel;
import org.izhsim.core.stimulus.Stimuli;
import org.junit.jupiter.api.Test;

class StepTimesTest
{
    private static double decimal(final long k, final String dt)
    {
        return new BigDecimal(dt).multiply(BigDecimal.valueOf(k)).doubleValue();
    }

    @Test
    void recordedTimesAreTheDecimalStepTimesNotTheirBinaryProducts()
    {
        for (final String dt : new String[] {"0.1", "0.05", "0.01", "0.2", "0.3", "0.001", "0.25", "1", "0.125"})
        {
            final StepTimes times = new StepTimes(Double.parseDouble(dt));
            for (long k = 0; k < 2_000_000; k++)
            {
                if (times.at(k) != decimal(k, dt))
                {
                    assertEquals(decimal(k, dt), times.at(k), "dt " + dt + ", step " + k);
                }
            }
        }
        assertEquals(23.700000000000003, 237 * 0.1, "the binary product this class exists for");
        assertEquals("23.7", Double.toString(new StepTimes(0.1).at(237)));
    }

    @Test
    void aStepWithNoShortDecimalKeepsTheBinaryProduct()
    {
        final double third = 1.0 / 3;
        final StepTimes times = new StepTimes(third);
        for (long k = 0; k < 1000; k++)
        {
            assertEquals(k * third, times.at(k));
        }
        final StepTimes huge = new StepTimes(0.1);
        final long beyond = (1L << 53) / 1 + 7;
        assertEquals(beyond * 0.1, huge.at(beyond));
    }

    /** RS at dt 0.1 printed 18.1 23.700000000000003 53.300000000000004 86.10000000000001 118.9. */
    @Test
    void spikeTimesAtATenthOfAMillisecondReadAsWritten()
    {
        final RunResult result = SingleNeuronRun.run(RunSpec.of(SimpleModel.of(0.02, 0.2, -65, 8),
            Method.EULER, 0.1, 150, Stimuli.dc(10, 10, Double.POSITIVE_INFINITY)));
        assertTrue(result.spikeCount() >= 4, "spikes: " + result.spikeCount());
        for (final double t : result.spikeTimes())
        {
            final String text = Double.toString(t);
            assertEquals(1, text.length() - text.indexOf('.') - 1, text);
        }
        for (final double t : result.t())
        {
            final String text = Double.toString(t);
            assertEquals(1, text.length() - text.indexOf('.') - 1, text);
        }
    }
}
