package org.izhsim.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.izhsim.core.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The models took NaN and infinite parameters (and C = 0) from Java callers; the run then stopped with "--dt 0.1 ms
 * is too large for --method rk4, or the state or current is: the state diverged at t = 0.0 ms", blaming the step
 * for a parameter. The command line checks its options first; the models now refuse such values themselves,
 * naming the parameter.
 */
class ModelParameterChecksTest
{
    private static String message(final Executable executable)
    {
        return assertThrows(InputException.class, executable).getMessage();
    }

    @Test
    void the2003ModelRefusesParametersThatAreNotFiniteNumbers()
    {
        assertEquals("parameter a of the 2003 model must be a finite number, got NaN",
            message(() -> SimpleModel.of(Double.NaN, 0.2, -65, 8)));
        assertEquals("parameter d of the 2003 model must be a finite number, got Infinity",
            message(() -> SimpleModel.of(0.02, 0.2, -65, Double.POSITIVE_INFINITY)));
        assertEquals("parameter c of the 2003 model must be a finite number, got NaN",
            message(() -> SimpleModel.of(0.02, 0.2, -65, 8).withAbcd(0.02, 0.2, Double.NaN, 8)));
        assertEquals("parameter k1 of the 2003 model must be a finite number, got -Infinity",
            message(() -> SimpleModel.of(0.02, 0.2, -65, 8).withQuadratic(0.04, Double.NEGATIVE_INFINITY, 108)));
    }

    @Test
    void the2007ModelRefusesParametersThatAreNotFiniteNumbersAndACapacitanceThatIsNotPositive()
    {
        assertEquals("parameter C of the 2007 model must be a positive capacitance in pF, got 0",
            message(() -> Izhikevich2007Model.of(0, 0.7, -60, -40, 35, 0.03, -2, -50, 100)));
        assertEquals("parameter C of the 2007 model must be a positive capacitance in pF, got NaN",
            message(() -> CellType2007.RS.model().withMembrane(Double.NaN, 0.7, -60, -40, 35)));
        assertEquals("parameter vpeak of the 2007 model must be a finite number, got Infinity",
            message(() -> CellType2007.RS.model().withMembrane(100, 0.7, -60, -40, Double.POSITIVE_INFINITY)));
        assertEquals("parameter a of the 2007 model must be a finite number, got NaN",
            message(() -> Izhikevich2007Model.of(100, 0.7, -60, -40, 35, Double.NaN, -2, -50, 100)));
        assertEquals("parameter d of the 2007 model must be a finite number, got NaN",
            message(() -> CellType2007.TC.model().withAbcd(0.01, 15, -60, Double.NaN)));
        assertEquals("parameter vb of the 2007 model must be a finite number, got NaN",
            message(() -> CellType2007.RS.model().withCubicRecovery(Double.NaN)));
        assertEquals("the cap of u of the 2007 model must be a number, got NaN",
            message(() -> CellType2007.RS.model().withRecoveryCap(Double.NaN)));
        // No cap at all is still a cap of +infinity.
        CellType2007.LTS.model().withRecoveryCap(Double.POSITIVE_INFINITY);
    }

    /** A reset at or above the spike cutoff fired the neuron every step (sim neuron --c 40, --model 2007 --c 50). */
    @Test
    void aResetAtOrAboveTheCutoffIsRefused()
    {
        assertEquals("parameter c of the 2003 model, the reset, must be below the spike cutoff of 30 mV, got 40",
            message(() -> SimpleModel.of(0.02, 0.2, 40, 8)));
        assertEquals("parameter c of the 2003 model, the reset, must be below the spike cutoff of 30 mV, got 30",
            message(() -> SimpleModel.of(0.02, 0.2, -65, 8).withAbcd(0.02, 0.2, 30, 8)));
        assertEquals("parameter c of the 2007 model, the reset, must be below vpeak = 35 mV, got 50",
            message(() -> Izhikevich2007Model.of(100, 0.7, -60, -40, 35, 0.03, -2, 50, 100)));
        assertEquals("parameter c of the 2007 model, the reset, must be below vpeak = -100 mV, got -50",
            message(() -> CellType2007.RS.model().withMembrane(100, 0.7, -60, -40, -100)));
    }
}
