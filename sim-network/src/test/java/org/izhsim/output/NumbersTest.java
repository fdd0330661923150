package org.izhsim.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NumbersTest
{
    /** sim neuron's header printed u0 = b*v0 = 0.2*-63 as -12.600000000000001. */
    @Test
    void aComputedValueReadsWithoutItsBinaryNoise()
    {
        assertEquals("-12.600000000000001", Numbers.format(0.2 * -63));
        assertEquals("-12.6", Numbers.readable(0.2 * -63));
        assertEquals("-14", Numbers.readable(0.2 * -70));
        assertEquals("0.1", Numbers.readable(0.1 + 0.2 - 0.2));
        assertEquals("1.23456789012", Numbers.readable(1.234567890123456));
        assertEquals("1e-9", Numbers.readable(1e-9));
        assertEquals("2.5e20", Numbers.readable(2.5e20));
        assertEquals("0", Numbers.readable(0.0));
        assertEquals("NaN", Numbers.readable(Double.NaN));
    }
}
