package org.izhsim.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.izhsim.core.InputException;
import org.junit.jupiter.api.Test;

/**
 * record.traces.neurons names neurons by their population as well as by global id: inh[3], inh[0:10] (a user
 * summed the sizes of the populations before it to find an id).
 */
class TracedNeuronsByPopulationTest
{
    private static ExperimentConfig parse(final String neurons)
    {
        return ExperimentLoader.parse("name: tr\nduration_ms: 10\npopulations:\n" +
            "  exc: {size: 80, params: RS}\n  inh: {size: 20, params: FS}\n" +
            "record:\n  traces:\n    neurons: " + neurons + "\n", "tr.yaml");
    }

    @Test
    void aPopulationsNeuronsAreNamedByTheirPlaceInIt()
    {
        assertEquals(List.of(0, 80, 98, 99, 5, 6), parse("[0, \"inh[0]\", \"inh[18:20]\", \"exc[5:7]\"]").recording().traceNeurons());
        // In a block list the brackets need no quotes.
        assertEquals(List.of(81, 82), parse("\n      - inh[1:3]").recording().traceNeurons());
    }

    @Test
    void aNameOrPlaceThatNamesNoNeuronIsRefusedWhereItIsWritten()
    {
        for (final String[] bad : new String[][] {
            {"[\"inh[20]\"]", "tr.yaml:8:15: 'inh[20]' names no neuron of population 'inh', which has 20 neurons (inh[0] " +
                "to inh[19])"},
            {"[\"inh[5:5]\"]", "tr.yaml:8:15: 'inh[5:5]' names no neuron of population 'inh', which has 20 neurons " +
                "(inh[0] to inh[19]; a range from:to ends after its last, as in Python)"},
            // A range past the end named "no neuron", though as a Python slice it names the last ones.
            {"[\"inh[10:100]\"]", "tr.yaml:8:15: 'inh[10:100]' ends past the last neuron of population 'inh', which has " +
                "20 (inh[0] to inh[19]): write 'inh[10:20]' for the neurons from 10 on"},
            {"[\"ihn[0]\"]", "tr.yaml:8:15: unknown population 'ihn' in traced neuron 'ihn[0]', did you mean 'inh'?"},
            {"[\"inh[-1]\"]", "tr.yaml:8:15: a traced neuron is a global id, POP[i] or POP[from:to] (as inh[3], " +
                "inh[0:10]), got 'inh[-1]'"},
            {"[exc]", "tr.yaml:8:15: a traced neuron is a global id, POP[i] or POP[from:to] (as inh[3], inh[0:10]), got " +
                "'exc': all of population 'exc' is \"exc[0:80]\""}})
        {
            assertEquals(bad[1], assertThrows(InputException.class, () -> parse(bad[0])).getMessage());
        }
    }
}
