package org.izhsim.network.build;

/**
 * How spikes reach their targets. Both give the same synapses and, for a given choice, bit-identical results
 * for any thread count; the two differ in the order in which one neuron's inputs are summed, hence in the
 * last bits of v. {@link #AUTO} decides from the network's size alone, never from the thread count.
 */
public enum SpikeDelivery
{
    /**
     * At step t, for d = 1..D, walk the row (s, d) of every s fired at t - d and add into this step's input.
     * No buffer beyond the input, but one row start (a likely cache miss) per spike and delay.
     */
    DELAY_ROWS,
    /**
     * At step t, walk once all rows of every s fired at t - 1 and add each weight into a ring of D future
     * input buffers, slot (t - 1 + d) mod D. One walk per spike instead of D, at the price of scattering into
     * D x N floats: the better choice while that ring stays in cache, and measured better out of cache too when
     * delay rows would be short (sparse1m: 1000 synapses over 16 blocks x 20 delays).
     */
    ARRIVAL_RING,
    /**
     * {@link #ARRIVAL_RING} when D x N x 4 bytes fits a last-level-cache budget or is at most a quarter of the
     * synapse matrix (NetworkPlan.ARRIVAL_RING_SHARE), otherwise {@link #DELAY_ROWS}.
     */
    AUTO
}
