package org.izhsim.network.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.izhsim.network.random.CounterRandom;
import org.junit.jupiter.api.Test;

/**
 * The hashed draw of fixed_outdegree / fixed_indegree partners (used when k is small against the candidates,
 * as at 10^6 neurons) gives exactly the bit set's partners, so switching between them changes no network.
 */
class PartnerSamplerTest
{
    @Test
    void hashedAndBitSetDrawsGiveTheSamePartners()
    {
        final PartnerSampler hashed = new PartnerSampler();
        final PartnerSampler bitSet = new PartnerSampler();
        final int[][] cases = {{1_000_000, 1000}, {100_000, 1000}, {5000, 70}, {70, 1}, {2048, 0}, {3000, 46},
            {1 << 20, 1000}, {(1 << 22) + 3, 5}};
        int compared = 0;
        for (final int[] c : cases)
        {
            for (int neuron = 0; neuron < 40; neuron++)
            {
                final long key = CounterRandom.key(11, 3, neuron);
                final int self = neuron % 3 == 0 ? -1 : neuron * 7 % c[0];
                final int candidates = self >= 0 ? c[0] - 1 : c[0];
                final int n = hashed.withoutReplacementHashed(5, candidates, self, c[1], key);
                final int[] fromHash = Arrays.copyOf(hashed.partners(), n);
                final int m = bitSet.withoutReplacementBitSet(5, candidates, self, c[1], key);
                assertArrayEquals(Arrays.copyOf(bitSet.partners(), m), fromHash, c[0] + " candidates, k " + c[1]);
                for (int j = 1; j < n; j++)
                {
                    assertTrue(fromHash[j - 1] < fromHash[j], "ascending and distinct");
                }
                for (final int partner : fromHash)
                {
                    assertTrue(partner != 5 + self && partner >= 5 && partner < 5 + c[0], "in range, not itself");
                }
                compared++;
            }
        }
        assertTrue(compared == cases.length * 40);
        assertTrue(PartnerSampler.sparseDraw(1000, 1_000_000));
        assertFalse(PartnerSampler.sparseDraw(1000, 10_000), "sparse10k keeps the bit set");
    }
}
