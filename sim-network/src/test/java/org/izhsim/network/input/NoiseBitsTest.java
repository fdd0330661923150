package org.izhsim.network.input;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.izhsim.network.random.CounterRandom;
import org.junit.jupiter.api.Test;

/** The noise drives' block of random bits is the counter generator's, draw for draw, whatever the range. */
class NoiseBitsTest
{
    @Test
    void blockOfBitsEqualsCounterDrawsOfEachNeuron()
    {
        final long[] scratch = new long[300];
        final long key = CounterRandom.key(7, 11, 123_456);
        for (final int from : new int[] {0, 1, 799, 800, 65_535, Integer.MAX_VALUE - 300})
        {
            InputDrive.fillBits(scratch, key, from, from + scratch.length);
            for (int j = 0; j < scratch.length; j++)
            {
                assertEquals(CounterRandom.bits(key, from + (long)j), scratch[j], "neuron " + (from + j));
            }
        }
    }
}
