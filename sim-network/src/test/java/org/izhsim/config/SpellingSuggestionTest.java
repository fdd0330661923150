package org.izhsim.config;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SpellingSuggestionTest
{
    private static final List<String> PROJECTION_KEYS = ProjectionReader.PROJECTION_KEYS;

    @Test
    void transpositionIsOneEdit()
    {
        assertEquals(1, SpellingSuggestion.distance("weigth", "weight"));
        assertEquals(Optional.of("weight"), SpellingSuggestion.nearest("weigth", PROJECTION_KEYS));
    }

    @Test
    void equallyNearNamesAreAllOffered()
    {
        final java.util.List<String> dcKeys = java.util.List.of("amplitude", "onset_ms", "offset_ms");
        assertEquals(java.util.List.of("onset_ms", "offset_ms"), SpellingSuggestion.nearestNames("ofset_ms", dcKeys));
        assertEquals(", did you mean 'onset_ms' or 'offset_ms'?", SpellingSuggestion.hint("ofset_ms", dcKeys, "valid: "));
        assertEquals(" (valid: amplitude, onset_ms, offset_ms)", SpellingSuggestion.hint("width", dcKeys, "valid: "));
    }

    @Test
    void missingUnitSuffixIsSuggested()
    {
        assertEquals(Optional.of("delay_ms"), SpellingSuggestion.nearest("delay", PROJECTION_KEYS));
        assertEquals(Optional.of("duration_ms"), SpellingSuggestion.nearest("duration", ExperimentLoader.TOP_KEYS));
    }

    @Test
    void caseSlipsAndSmallTyposAreSuggested()
    {
        assertEquals(Optional.of("autapses"), SpellingSuggestion.nearest("Autapses", PROJECTION_KEYS));
        assertEquals(Optional.of("fixed_outdegree"), SpellingSuggestion.nearest("fixed_out_degree", ProjectionReader.RULES));
    }

    @Test
    void unrelatedNamesGetNoSuggestion()
    {
        assertEquals(Optional.empty(), SpellingSuggestion.nearest("strength", PROJECTION_KEYS));
        assertEquals(Optional.empty(), SpellingSuggestion.nearest("x", List.of("k", "p")));
        assertEquals(" (valid: k, p)", SpellingSuggestion.hint("x", List.of("k", "p"), "valid: "));
        assertEquals(", did you mean 'weight'?", SpellingSuggestion.hint("wieght", PROJECTION_KEYS, "valid keys: "));
    }
}
