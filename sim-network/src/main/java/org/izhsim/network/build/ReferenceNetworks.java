package org.izhsim.network.build;

/**
 * The networks the project measures itself on, as builders ready to adjust (seed, threads, recording).
 */
public final class ReferenceNetworks
{
    private ReferenceNetworks()
    {
    }

    /**
     * The 1000-neuron cortical network of Izhikevich (2003), Fig. 3, line by line from net.m: 800 excitatory
     * cells between regular spiking (r = 0) and chattering (r = 1) with c = -65 + 15 r^2, d = 8 - 6 r^2;
     * 200 inhibitory cells between fast spiking and low-threshold spiking with a = 0.02 + 0.08 r,
     * b = 0.25 - 0.05 r; all-to-all synapses with autapses, weights 0.5 rand (excitatory) and -rand
     * (inhibitory), delay 1 ms; thalamic noise of sd 5 (excitatory) and 2 (inhibitory) per step.
     */
    public static NetworkBuilder cortex2003()
    {
        return cortex(800, 200, ConnectionRule.allToAll(), DelayRule.constant(1));
    }

    /**
     * net.m's neurons, weights and noise with sparse connectivity: every neuron sends exactly
     * {@code outDegree} synapses to targets drawn uniformly without replacement from all neurons (80% of the
     * network is excitatory), excitatory delays uniform over 1..maxExcitatoryDelay ms, inhibitory delays
     * 1 ms. With 1000 synapses per neuron each cell receives as many inputs as in net.m, now spread over
     * time by the delays.
     */
    public static NetworkBuilder sparse(final int neurons, final int outDegree, final int maxExcitatoryDelay)
    {
        if (neurons < 5)
        {
            throw new org.izhsim.core.InputException("a sparse network needs at least 5 neurons, got " + neurons);
        }
        final int excitatory = neurons * 4 / 5;
        return cortex(excitatory, neurons - excitatory, ConnectionRule.fixedOutdegree(outDegree),
            DelayRule.uniform(1, maxExcitatoryDelay));
    }

    /**
     * The polychronization network of Izhikevich (2006), poly_spnet.cpp: 800 excitatory RS cells (a 0.02, d 8)
     * and 200 inhibitory FS cells (a 0.1, d 2), b 0.2, c -65; each excitatory neuron sends 100 synapses of weight
     * 6 to distinct other neurons of all 1000, exactly 5 of each delay 1..20 ms, all plastic under the spnet
     * rule with w_max 10; each inhibitory neuron sends 100 synapses of weight -5 to distinct excitatory neurons
     * with delay 1 ms; 20 (mV per step) to one random neuron each ms; the half-step integration.
     */
    public static NetworkBuilder spnet2006()
    {
        final java.util.List<String> everyone = java.util.List.of("exc", "inh");
        return new NetworkBuilder()
            .population(PopulationSpec.of("exc", 800).a(r -> 0.02).b(r -> 0.2).c(r -> -65).d(r -> 8))
            .population(PopulationSpec.of("inh", 200).a(r -> 0.1).b(r -> 0.2).c(r -> -65).d(r -> 2))
            .projection(ProjectionSpec.from("exc", everyone).rule(ConnectionRule.fixedOutdegree(100)).autapses(false)
                .delay(DelayRule.splitEvenly(1, 20)).weight(WeightRule.constant(6)).plasticity(PlasticityRule.spnet2006()))
            .projection(ProjectionSpec.from("inh", "exc").rule(ConnectionRule.fixedOutdegree(100)).autapses(false)
                .delay(DelayRule.constant(1)).weight(WeightRule.constant(-5)))
            .input(InputSpec.randomPick(everyone, 20, 1));
    }

    private static NetworkBuilder cortex(final int excitatory, final int inhibitory, final ConnectionRule rule,
        final DelayRule excitatoryDelay)
    {
        final NetworkBuilder builder = new NetworkBuilder()
            .population(PopulationSpec.of("exc", excitatory)
                .a(r -> 0.02).b(r -> 0.2).c(r -> -65 + 15 * r * r).d(r -> 8 - 6 * r * r))
            .population(PopulationSpec.of("inh", inhibitory)
                .a(r -> 0.02 + 0.08 * r).b(r -> 0.25 - 0.05 * r).c(r -> -65).d(r -> 2))
            .input(InputSpec.noise("exc", 5))
            .input(InputSpec.noise("inh", 2));
        // One projection per source population onto all neurons: with fixed_outdegree the k targets are then
        // drawn from the whole network, as in the benchmark's definition.
        final java.util.List<String> everyone = java.util.List.of("exc", "inh");
        builder.projection(ProjectionSpec.from("exc", everyone).rule(rule).delay(excitatoryDelay)
            .weight(WeightRule.ofRandom(rand -> 0.5 * rand)));
        builder.projection(ProjectionSpec.from("inh", everyone).rule(rule).delay(DelayRule.constant(1))
            .weight(WeightRule.ofRandom(rand -> -rand)));
        return builder;
    }
}
