package org.izhsim.config;

import java.nio.file.Path;

import org.izhsim.core.InputException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * YAML's null ({@code ~}, {@code null}) or an empty value for a key says what the key needs. A key naming one of a
 * set (integration, a rule, a population) lists the set: as a text it said "quote it for the text", and quoted, '~'
 * was then an unknown name. A mapping's, a list's and threads' null read "got '~'" or "got ~", an empty thread
 * count "got " and nothing.
 */
class NullValueMessagesTest
{
    private static final String FILE = ExperimentErrorsTest.FILE;
    private static final String EXC = ExperimentErrorsTest.EXC;

    private static String errorOf(final String yaml)
    {
        return ExperimentErrorsTest.errorOf(yaml);
    }

    private static String errorOfProjection(final String flowMapping)
    {
        return ExperimentErrorsTest.errorOfProjection(flowMapping);
    }

    @Test
    void aNullForAKeyWithAllowedValuesListsThem()
    {
        assertEquals(FILE + ":1:14: expected one of halfstep, euler for 'integration', got null ('~')",
            errorOf("integration: ~\n" + EXC));
        assertEquals(FILE + ":1:14: expected one of halfstep, euler for 'integration', got null ('null')",
            errorOf("integration: null\n" + EXC));
        assertEquals(FILE + ":1:13: expected one of halfstep, euler for 'integration', got an empty value",
            errorOf("integration:\n" + EXC));
        assertEquals(FILE + ":4:32: expected one of all_to_all, fixed_outdegree, fixed_indegree, pairwise, one_to_one " +
            "for 'rule', got null ('~')", errorOfProjection("{from: exc, to: exc, rule: ~, weight: 1}"));
        assertEquals(FILE + ":4:74: expected one of spnet2006, stdp, dastdp2007 for 'rule', got null ('~')",
            errorOfProjection("{from: exc, to: exc, rule: all_to_all, weight: 1, plasticity: {rule: ~}}"));
        assertEquals(FILE + ":4:80: expected one of uniform_int, even_split for 'distribution', got null ('~')",
            errorOfProjection("{from: exc, to: exc, rule: all_to_all, weight: 1, delay_ms: {distribution: ~}}"));
        assertEquals(FILE + ":2:16: expected one of izhikevich2003, izhikevich2007, poisson, spike_times for 'model', got null ('~')",
            errorOf("populations:\n  exc: {model: ~, size: 10, params: {a: 0.02, b: 0.2, c: -65, d: 8}}\n"));
        assertEquals(FILE + ":3:48: expected one of v, u, input for 'variables', got null ('~')",
            errorOf(EXC + "record: {traces: {neurons: [0], variables: [v, ~]}}\n"));
    }

    @Test
    void aNullPopulationNameListsThePopulations()
    {
        assertEquals(FILE + ":4:12: expected one of the populations exc for 'from', got null ('~')",
            errorOfProjection("{from: ~, to: exc, rule: all_to_all, weight: 1}"));
        assertEquals(FILE + ":4:27: expected one of the populations exc for 'to', got null ('~')",
            errorOfProjection("{from: exc, to: [exc, ~], rule: all_to_all, weight: 1}"));
        assertEquals(FILE + ":3:20: expected one of the populations exc for 'to', got null ('~')",
            errorOf(EXC + "random_input: {to: ~, amplitude: 20}\n"));
    }

    @Test
    void aNullForAMappingListOrThreadCountIsNamedNull()
    {
        assertEquals(FILE + ":3:9: expected a mapping for 'record', got null ('~')", errorOf(EXC + "record: ~\n"));
        assertEquals(FILE + ":3:14: expected a list for 'projections', got null ('~')",
            errorOf(EXC + "projections: ~\n"));
        assertEquals(FILE + ":1:10: 'threads' must be a whole number >= 1 or auto (one per free core), got null ('~')",
            errorOf("threads: ~\n" + EXC));
        assertEquals(FILE + ":1:9: 'threads' must be a whole number >= 1 or auto (one per free core), got an empty " +
            "value", errorOf("threads:\n" + EXC));
    }

    @Test
    void aNullFreeTextStillSuggestsQuoting()
    {
        assertEquals(FILE + ":1:7: expected a text for 'name', got null ('~'; quote it for the text)",
            errorOf("name: ~\n" + EXC));
    }

    @Test
    void aNullStimulusComponentListsTheComponents()
    {
        assertEquals("s.yaml:2:5: expected one of dc, pulse_train, ramp, sine, noise, csv for 'stimulus', got null ('~')",
            assertThrows(InputException.class, () -> StimulusLoader.parse("stimulus:\n  - ~: {amplitude: 1}\n",
                "s.yaml", Path.of("."))).getMessage());
    }
}
