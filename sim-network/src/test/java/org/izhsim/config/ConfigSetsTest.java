package org.izhsim.config;

import java.util.List;

import org.izhsim.core.InputException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The command line's {@code --set KEY=VALUE}: values replaced or added before the file is read, list items by name
 * or place, aliased values left alone elsewhere, and every problem reported as the override.
 */
class ConfigSetsTest
{
    private static final String NET = "name: net\n" +
        "seed: 3\n" +
        "populations:\n" +
        "  exc: {size: 8, params: &p {a: 0.02, b: 0.2, c: -65, d: 8}}\n" +
        "  inh: {size: 2, params: *p}\n" +
        "projections:\n" +
        "  - {from: exc, to: [exc, inh], rule: all_to_all, weight: 0.5, delay_ms: 1}\n" +
        "  - {name: back, from: inh, to: exc, rule: all_to_all, weight: -1, delay_ms: 1}\n";

    private static ExperimentConfig withSets(final String... sets)
    {
        return ExperimentLoader.parse(NET, "net.yaml", List.of(sets));
    }

    private static String refusal(final String... sets)
    {
        return assertThrows(InputException.class, () -> withSets(sets)).getMessage();
    }

    @Test
    void aSetReplacesTheFilesValue()
    {
        final ExperimentConfig config = withSets("populations.exc.size=400", "seed=9");
        assertEquals(400, config.populations().get(0).size());
        assertEquals(9L, config.seed());
        assertEquals(8, withSets().populations().get(0).size(), "the file's own value without a set");
    }

    /**
     * {@code --unset KEY}: a key or a list item removed before the sets apply (a set could not remove one: a rule
     * could not become a connections file from the command line, nor a plastic projection fixed).
     */
    @Test
    void anUnsetRemovesAKeyOrAListItemBeforeTheSets()
    {
        final ExperimentConfig fewer = withSets(ExperimentLoader.unset("projections.back"), ExperimentLoader.unset(
            "seed"));
        assertEquals(1, fewer.projections().size());
        assertEquals(1L, fewer.seed(), "the default seed");
        // A key removed, then one the removal makes allowed: pairwise's p in place of all_to_all.
        final ExperimentConfig pairwise = withSets(ExperimentLoader.unset("projections.#1.rule"),
            "projections.#1.rule=pairwise", "projections.#1.p=0.5");
        assertEquals(0.5, pairwise.projections().get(0).rule().p());
        assertEquals("--unset projections.#1.weigth: the file has no key 'projections.#1.weigth', did you mean " +
            "'weight'?", refusal(ExperimentLoader.unset("projections.#1.weigth")));
        assertEquals("--unset projections.#3: 'projections' has 2 items, so '#3' names none (the first is #1)",
            refusal(ExperimentLoader.unset("projections.#3")));
        assertEquals("--unset seed.x: 'seed' holds a single value ('3'), not keys or a list, so the key cannot go on " +
            "from it", refusal(ExperimentLoader.unset("seed.x")));
        assertEquals("net.yaml:7:5: missing required key 'weight' in projection 'exc->exc+inh'",
            refusal(ExperimentLoader.unset("projections.#1.weight")));
    }

    /**
     * What the third tester found (s23_t3): unsets name the file as written (--unset #1 --unset #2 removed the first
     * and the third of three), a key removed twice is said to be, long keys are cut, and an item of a list of plain
     * values goes by its value.
     */
    @Test
    void unsetsNameTheFileAsWrittenAndSayWhatTheyCannot()
    {
        final String three = NET + "  - {name: third, from: exc, to: exc, rule: one_to_one, weight: 2, delay_ms: 1}\n";
        final ExperimentConfig left = ExperimentLoader.parse(three, "net.yaml", List.of(ExperimentLoader.unset(
            "projections.#1"), ExperimentLoader.unset("projections.#2")));
        assertEquals(List.of("third"), left.projections().stream().map(ProjectionConfig::name).toList());
        assertEquals("--unset projections.#1: 'projections.#1' is removed already, by --unset projections.#1",
            refusal(ExperimentLoader.unset("projections.#1"), ExperimentLoader.unset("projections.#1")));
        assertEquals("--unset seed: 'seed' is removed already, by --unset seed",
            refusal(ExperimentLoader.unset("seed"), ExperimentLoader.unset("seed")));
        assertEquals("--unset : the key is empty, e.g. --unset 'projections.#1.plasticity'",
            refusal(ExperimentLoader.unset("")));
        final String longKey = "x".repeat(5000);
        final String cut = refusal(ExperimentLoader.unset("populations." + longKey));
        assertTrue(cut.length() < 400 && cut.contains("(5012 characters)"), cut);
        final String item = refusal(ExperimentLoader.unset("projections." + longKey));
        assertTrue(item.length() < 400 && item.contains("(5000 characters)"), item);
        final ExperimentConfig narrowed = withSets(ExperimentLoader.unset("projections.#1.to.inh"));
        assertEquals(List.of("exc"), narrowed.projections().get(0).to().stream().map(PopulationConfig::name).toList());
    }

    @Test
    void theLastSetOfAKeyWins()
    {
        assertEquals(5, withSets("populations.exc.size=400", "populations.exc.size=5").populations().get(0).size());
    }

    @Test
    void aKeyTheFileLacksIsAddedWithTheMappingsOnItsWay()
    {
        assertEquals(2, withSets("threads=2").threads().getAsInt());
        assertEquals(7.0, withSets("record.rates_bin_ms=7").recording().ratesBinMs());
    }

    @Test
    void listItemsAreNamedByTheirNameDefaultNameOrPlace()
    {
        assertEquals(0.25, weight(withSets("projections.exc->exc+inh.weight=0.25"), 0));
        assertEquals(-2.0, weight(withSets("projections.back.weight=-2"), 1));
        assertEquals(-3.0, weight(withSets("projections.#2.weight=-3"), 1));
        assertEquals(0.5, weight(withSets("projections.#2.weight=-3"), 0), "the other projection keeps its weight");
    }

    @Test
    void anAliasedValueChangesOnlyWhereTheKeySays()
    {
        final ExperimentConfig config = withSets("populations.exc.params.a=0.1");
        assertEquals(0.1, config.populations().get(0).params().a().at(0.5));
        assertEquals(0.02, config.populations().get(1).params().a().at(0.5), "inh reuses *p and keeps a = 0.02");
    }

    @Test
    void theValueIsYaml()
    {
        final ExperimentConfig config = withSets("populations.inh={size: 3, params: {a: 0.1, b: 0.2, c: -65, d: 2}}");
        assertEquals(3, config.populations().get(1).size());
        assertEquals("0.5*rand", ((WeightSpec.Expression)withSets("projections.#1.weight=0.5*rand").projections()
            .get(0).weight()).source());
    }

    @Test
    void aBadValueIsReportedAsTheOverride()
    {
        assertEquals("--set populations.exc.size=-4: 'size' must be > 0 in population 'exc', got -4",
            refusal("populations.exc.size=-4"));
        assertEquals("--set populations.exc.sizee=4: unknown key 'sizee' in population 'exc', did you mean 'size'?",
            refusal("populations.exc.sizee=4"));
        assertEquals("--set populations.exc.params.a=[1: YAML syntax error: expected ',' or ']', but got <stream end>",
            refusal("populations.exc.params.a=[1"));
        assertEquals("--set seed=!!str 1: YAML tags such as '!!str' are not read: write the value without it",
            refusal("seed=!!str 1"));
    }

    @Test
    void aFilesOwnErrorIsStillReportedAtItsLine()
    {
        final String message = assertThrows(InputException.class, () -> ExperimentLoader.parse(
            NET.replace("seed: 3", "seed: x"), "net.yaml", List.of("populations.exc.size=4"))).getMessage();
        assertEquals("net.yaml:2:7: expected an integer for 'seed', got 'x'", message);
    }

    @Test
    void aMalformedOverrideIsRefusedWithItsForm()
    {
        assertEquals("--set seed: expected KEY=VALUE, e.g. --set populations.exc.size=400 (no '=')", refusal("seed"));
        assertEquals("--set =4: expected KEY=VALUE, e.g. --set populations.exc.size=400 (the key is empty)",
            refusal("=4"));
        assertEquals("--set populations..size=4: the key 'populations..size' has an empty part: keys are joined by " +
            "single dots, e.g. populations.exc.size", refusal("populations..size=4"));
        assertEquals("--set seed=: the value is empty (write \"\" for an empty text; a key cannot be removed by a " +
            "--set)", refusal("seed="));
        assertEquals("--set seed.x=1: 'seed' holds a single value ('3'), not keys or a list, so the key cannot go on " +
            "from it", refusal("seed.x=1"));
        assertEquals("--set projections.#3.weight=1: 'projections' has 2 items, so '#3' names none (the first is #1)",
            refusal("projections.#3.weight=1"));
        assertEquals("--set projections.exc->inh.weight=1: no item of 'projections' is named 'exc->inh' (its items: " +
            "'exc->exc+inh', 'back'; or name one by its place, #1)", refusal("projections.exc->inh.weight=1"));
    }

    /** A 10 KB value was repeated whole in its refusal (a 10,315-byte line). */
    @Test
    void aLongOverrideIsShortenedInItsMessage()
    {
        final String name = "x".repeat(300);
        assertEquals("--set name=" + "x".repeat(35) + "..." + "x".repeat(20) + " (305 characters): 'name' must be at most " +
            "100 bytes long (UTF-8), got 300", refusal("name=" + name));
    }

    private static double weight(final ExperimentConfig config, final int projection)
    {
        return ((WeightSpec.Constant)config.projections().get(projection).weight()).value();
    }
}
