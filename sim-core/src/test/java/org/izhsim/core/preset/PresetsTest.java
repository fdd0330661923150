package org.izhsim.core.preset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;

import org.izhsim.core.InputException;
import org.izhsim.core.integrate.Method;
import org.izhsim.core.model.SimpleModel;
import org.izhsim.core.run.RunResult;
import org.izhsim.core.run.RunSpec;
import org.izhsim.core.run.SingleNeuronRun;
import org.junit.jupiter.api.Test;

class PresetsTest
{
    @Test
    void unknownNameSuggestsTheClosestOnOneLine()
    {
        final int total = Presets.all().size();
        assertEquals("unknown preset 'RX'; did you mean 'RS'? (run 'sim neuron --list' to see all " + total + " presets)",
            assertThrows(InputException.class, () -> Presets.byName("RX")).getMessage());
        assertEquals("unknown preset 'tonic_spikng'; did you mean 'tonic_spiking'? (run 'sim neuron --list' to see all " +
            total + " presets)", assertThrows(InputException.class, () -> Presets.byName("tonic_spikng")).getMessage());
    }

    /** A null name failed inside the message's quoting: "Cannot invoke String.length() because value is null". */
    @Test
    void aNullNameIsNamed()
    {
        assertEquals("name", assertThrows(NullPointerException.class, () -> Presets.byName(null)).getMessage());
        assertEquals("name", assertThrows(NullPointerException.class, () -> Method.byName(null)).getMessage());
    }

    @Test
    void namesAreCaseInsensitiveWhenUnambiguous()
    {
        assertSame(Presets.byName("RS"), Presets.byName("rs"));
        assertSame(Presets.byName("izh2007_fs"), Presets.byName("IZH2007_FS"));
    }

    @Test
    void catalogueHoldsTheThreePublications()
    {
        assertEquals(8, Presets.group(PresetGroup.IZHIKEVICH_2003_FIG2).size());
        assertEquals(9, Presets.group(PresetGroup.IZHIKEVICH_2007).size());
        final List<Preset> features = Presets.group(PresetGroup.IZHIKEVICH_2004_FIG1);
        assertEquals(20, features.size());
        for (int k = 0; k < features.size(); k++)
        {
            assertTrue(features.get(k).title().startsWith("(" + (char)('A' + k) + ") "), features.get(k).title());
        }
        assertEquals(Presets.all().size(), new HashSet<>(Presets.names()).size(), "unique names");
    }

    @Test
    void everyPresetIsDescribedCitedAndRunnable()
    {
        for (final Preset preset : Presets.all())
        {
            assertFalse(preset.title().isBlank() || preset.description().isBlank(), preset.name());
            assertTrue(preset.citation().contains("Izhikevich"), preset.name());
            final RunSpec spec = preset.runSpec();
            assertEquals(preset.dtMs(), spec.dtMs());
            assertEquals(preset.durationMs(), spec.durationMs());
            assertEquals(preset.v0(), spec.v0());
            assertEquals(preset.u0(), spec.u0());
            // Runnable: the published protocol runs its whole duration (MATLAB's 0:dt:T; every preset's T is a
            // whole number of its dt) on a finite trace, and shows the firing its panel is about (each fires).
            final RunResult result = SingleNeuronRun.run(spec);
            final long steps = Math.round(preset.durationMs() / preset.dtMs()) + 1;
            assertEquals(steps, result.steps(), preset.name() + ": rows of 0:dt:T");
            assertEquals(preset.durationMs(), result.t()[result.steps() - 1], 1e-9, preset.name() + ": last time");
            for (int k = 0; k < result.steps(); k++)
            {
                assertTrue(Double.isFinite(result.v()[k]) && Double.isFinite(result.u()[k]),
                    preset.name() + ": state at row " + k);
            }
            assertTrue(result.spikeCount() >= 1, preset.name() + " does not fire");
        }
    }

    @Test
    void publishedProtocolsKeepTheirSpecialInitialStatesAndEquations()
    {
        final Preset accommodation = Presets.byName("accommodation");
        assertEquals(-65, accommodation.v0());
        assertEquals(-16, accommodation.u0());
        assertEquals(0.5, accommodation.dtMs());
        assertTrue(((SimpleModel)accommodation.model()).accommodation());

        final Preset dap = Presets.byName("depolarizing_after_potential");
        assertEquals(0.1, dap.dtMs());
        assertEquals(20.0, dap.stimulus().current(9.5, 95));
        assertEquals(0.0, dap.stimulus().current(9.0, 90), "abs(t-T1)<1 is open at 9");

        final Preset inhibition = Presets.byName("inhibition_induced_spiking");
        assertEquals(-63.8, inhibition.v0());
        assertEquals(-1 * -63.8, inhibition.u0());

        final SimpleModel classOne = (SimpleModel)Presets.byName("class_1_excitable").model();
        assertEquals(4.1, classOne.k1());
        assertEquals(108, classOne.k0());

        for (final Preset preset : Presets.group(PresetGroup.IZHIKEVICH_2004_FIG1))
        {
            assertEquals(Method.SEMI_IMPLICIT_EULER, preset.method(), preset.name());
        }
        assertEquals(Method.EULER, Presets.byName("izh2007_rs").method());
        assertEquals(0.25, Presets.byName("izh2007_rs").dtMs());
    }
}
