package org.izhsim.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.izhsim.network.PopulationRange;
import org.izhsim.network.engine.Network;
import org.izhsim.network.record.SimulationResult;
import org.junit.jupiter.api.Test;

/**
 * The shipped conductance and STP experiments show what their comments and the README say they show.
 */
class ShippedSynapseConfigsTest
{
    private static final Path CONFIGS = Path.of("..", "configs");

    private static SimulationResult run(final String file, final int steps)
    {
        try (Network net = Network.build(NetworkAssembler.builder(ExperimentLoader.load(CONFIGS.resolve(file)))))
        {
            return net.run(steps);
        }
    }

    private static double rateHz(final SimulationResult r, final String population, final int fromStep, final int toStep)
    {
        final PopulationRange p = r.population(population);
        int spikes = 0;
        for (int k = 0; k < r.spikeCount(); k++)
        {
            final int step = r.spikeSteps()[k];
            spikes += p.contains(r.spikeNeurons()[k]) && step >= fromStep && step < toStep ? 1 : 0;
        }
        return spikes * 1000.0 / p.size() / (toStep - fromStep);
    }

    @Test
    void cortex2003WithConductancesFiresAtAFewHz()
    {
        final SimulationResult r = run("cortex2003_cond.yaml", 1000);
        final double exc = rateHz(r, "exc", 0, 1000);
        final double inh = rateHz(r, "inh", 0, 1000);
        assertTrue(exc > 2 && exc < 15, "exc " + exc + " Hz");
        assertTrue(inh > 2 && inh < 20, "inh " + inh + " Hz");
    }

    @Test
    void stpDemoDepressesOneTargetAndFacilitatesTheOther()
    {
        final SimulationResult r = run("stp_demo.yaml", 1000);
        final double depressingOnset = rateHz(r, "depressing", 0, 100);
        final double depressingLater = rateHz(r, "depressing", 500, 1000);
        final double facilitatingOnset = rateHz(r, "facilitating", 0, 100);
        final double facilitatingLater = rateHz(r, "facilitating", 500, 1000);
        assertTrue(depressingOnset > 3 * depressingLater, "depressing " + depressingOnset + " -> " + depressingLater + " Hz");
        assertTrue(facilitatingLater > 3 * facilitatingOnset, "facilitating " + facilitatingOnset + " -> " +
            facilitatingLater + " Hz");
    }
}
