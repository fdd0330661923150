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

    /**
     * Found by a config fuzzer: the valid names were listed whole, so many or long population names made the message
     * longer than the whole-message cut, which then took the middle out of it. The list keeps at most its first 200
     * characters, each long name quoted and cut as values are, and says how many names there are.
     */
    @Test
    void aLongListOfValidNamesIsCutAndSaysHowManyThereAre()
    {
        final java.util.List<String> many = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++)
        {
            many.add("population_" + (100 + i));
        }
        final String hint = SpellingSuggestion.hint("zzz", many, "populations: ");
        assertEquals(" (populations: population_100, population_101, population_102, population_103, population_104, " +
            "population_105, population_106, population_107, population_108, population_109, population_110, " +
            "population_111, ... (100 in all))", hint);
        final String x = "x".repeat(200);
        assertEquals(" (populations: exc, " + org.izhsim.core.InputException.quoted(x) + ")",
            SpellingSuggestion.hint("zzz", java.util.List.of("exc", x), "populations: "));
    }
}
