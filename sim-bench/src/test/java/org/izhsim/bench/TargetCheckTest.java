package org.izhsim.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The target list prints each measured figure with enough digits to show on which side of its threshold it
 * fell: a quick bench printed "NOT met: cortex2003: RTF 0.00500 with 2 threads (target <= 0.00500, ratio 1.00)"
 * for an RTF of 0.005004.
 */
class TargetCheckTest
{
    @Test
    void aFigureJustOverItsThresholdIsNotPrintedEqualToIt()
    {
        assertEquals("1.001", TargetCheck.beside(1.0008, 1.0, 2));
        assertEquals("0.9996", TargetCheck.beside(0.99957, 1.0, 2));
        assertEquals("9.96", TargetCheck.beside(9.96, 10.0, 1));
        assertEquals("1.101", TargetCheck.beside(1.1006, 1.1, 2));
        assertEquals("0.00500400", TargetCheck.besideRtf(0.005004, 0.005));
    }

    @Test
    void aFigureClearOfItsThresholdKeepsItsDigits()
    {
        assertEquals("1.74", TargetCheck.beside(1.7371, 1.0, 2));
        assertEquals("0.45", TargetCheck.beside(0.4512, 2.0, 2));
        assertEquals("1.00", TargetCheck.beside(1.0, 1.0, 2));
        assertEquals("11.2", TargetCheck.beside(11.16, 10.0, 1));
        assertEquals("0.00513", TargetCheck.besideRtf(0.005131, 0.005));
    }
}
