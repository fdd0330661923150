package org.izhsim.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.izhsim.core.InputException;
import org.izhsim.network.engine.Network;
import org.izhsim.network.record.SimulationResult;
import org.junit.jupiter.api.Test;

/**
 * A population's params may name a cell class of Izhikevich (2003), Fig. 2 (params: RS), or a class with some of its
 * a, b, c, d replaced (params: {type: FS, d: 2.5}): the network is the one of the four numbers written out.
 */
class CellClassParamsTest
{
    private static final String HEAD = "name: cells\nseed: 3\nduration_ms: 300\npopulations:\n";
    private static final String TAIL = "projections:\n" +
        "  - {from: exc, to: [exc, inh], rule: fixed_outdegree, k: 10, weight: 0.5}\n" +
        "  - {from: inh, to: exc, rule: fixed_outdegree, k: 10, weight: -1}\n";

    private static int[] spikes(final String populations)
    {
        try (Network network = Network.build(NetworkAssembler.builder(
            ExperimentLoader.parse(HEAD + populations + TAIL, "cells.yaml")).threads(1)))
        {
            final SimulationResult result = network.run(300);
            final int[] out = Arrays.copyOf(result.spikeNeurons(), result.spikeCount() + 1);
            out[result.spikeCount()] = result.spikeCount();
            return out;
        }
    }

    @Test
    void aCellClassIsItsFourNumbersAndAGivenOneReplacesItsOwn()
    {
        final int[] named = spikes("  exc: {size: 80, params: RS, input: {noise_sd: 5}}\n" +
            "  inh: {size: 20, params: {type: FS, d: 2.5, c: \"-65 + 2*r\"}, input: {noise_sd: 2}}\n");
        final int[] written = spikes("  exc: {size: 80, params: {a: 0.02, b: 0.2, c: -65, d: 8}, input: {noise_sd: 5}}\n" +
            "  inh: {size: 20, params: {a: 0.1, b: 0.2, c: \"-65 + 2*r\", d: 2.5}, input: {noise_sd: 2}}\n");
        assertTrue(named[named.length - 1] > 50, "the network fires");
        assertArrayEquals(written, named);
        final int[] bursting = spikes("  exc: {size: 80, params: CH, input: {noise_sd: 5}}\n" +
            "  inh: {size: 20, params: {type: FS, d: 2.5, c: \"-65 + 2*r\"}, input: {noise_sd: 2}}\n");
        assertTrue(!Arrays.equals(named, bursting), "another class, other spikes");
    }

    /**
     * A class beside all four of a, b, c, d set nothing: --set populations.exc.params.type=CH on a file that gives the
     * four ran the file's neurons, the set recorded as applied. Refused now; and a missing value names the class way.
     */
    @Test
    void aClassThatSetsNothingIsRefusedAndAMissingValueNamesTheClasses()
    {
        assertEquals("cells.yaml:5:34: 'type' CH in params of population 'exc' sets nothing: a, b, c and d are all " +
            "given; drop 'type', or the values it should set", assertThrows(InputException.class, () ->
            ExperimentLoader.parse(HEAD + "  exc: {size: 80, params: {type: CH, a: 0.02, b: 0.2, c: -65, d: 8}}\n" +
                "  inh: {size: 20, params: FS}\n" + TAIL, "cells.yaml")).getMessage());
        assertEquals("cells.yaml:5:27: missing required key 'b' in params of population 'exc': give all of a, b, c " +
            "and d, or 'type', a cell class (RS, IB, CH, FS, TC, RZ, LTS), and the values that differ from it",
            assertThrows(InputException.class, () -> ExperimentLoader.parse(HEAD +
                "  exc: {size: 80, params: {a: 1}}\n  inh: {size: 20, params: FS}\n" + TAIL, "cells.yaml")).getMessage());
        assertEquals("cells.yaml:5:27: 'params' of population 'exc' is a mapping {a: ..., b: ..., c: ..., d: ...} or " +
            "a cell class name (RS, IB, CH, FS, TC, RZ, LTS), not a list", assertThrows(InputException.class, () ->
            ExperimentLoader.parse(HEAD + "  exc: {size: 80, params: [RS]}\n  inh: {size: 20, params: FS}\n" + TAIL,
                "cells.yaml")).getMessage());
    }

    /** A --set of one value of a population given as a class name says how to give the class with it. */
    @Test
    void aSetIntoAClassNameSaysHowToChangeOneOfItsValues()
    {
        assertEquals("--set populations.exc.params.a=0.1: 'populations.exc.params' holds a single value ('RS'), not " +
            "keys or a list, so the key cannot go on from it: give the class with the value that differs, --set " +
            "'populations.exc.params={type: RS, a: ...}'", assertThrows(InputException.class, () -> ExperimentLoader.parse(
                HEAD + "  exc: {size: 80, params: RS}\n  inh: {size: 20, params: FS}\n" + TAIL, "cells.yaml",
                java.util.List.of("populations.exc.params.a=0.1"))).getMessage());
    }

    @Test
    void anUnknownClassIsRefusedWhereItIsWritten()
    {
        assertEquals("cells.yaml:5:27: unknown cell class 'rs' in population 'exc' (valid: RS, IB, CH, FS, TC, RZ, LTS)",
            assertThrows(InputException.class, () -> ExperimentLoader.parse(HEAD +
                "  exc: {size: 80, params: rs, input: {noise_sd: 5}}\n  inh: {size: 20, params: FS}\n" + TAIL,
                "cells.yaml")).getMessage());
        assertEquals("cells.yaml:6:41: 'c', the reset, must be below the spike cutoff of 30 mV in params of " +
            "population 'inh', got 31", assertThrows(InputException.class, () -> ExperimentLoader.parse(HEAD +
                "  exc: {size: 80, params: RS}\n  inh: {size: 20, params: {type: FS, c: 31}}\n" + TAIL,
                "cells.yaml")).getMessage());
    }
}
