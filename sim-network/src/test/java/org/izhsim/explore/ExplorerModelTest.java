package org.izhsim.explore;

import org.izhsim.config.ExperimentConfig;
import org.izhsim.config.ExperimentLoader;
import org.izhsim.config.NetworkAssembler;
import org.izhsim.core.preset.Preset;
import org.izhsim.core.preset.PresetGroup;
import org.izhsim.core.preset.Presets;
import org.izhsim.network.engine.Network;
import org.izhsim.network.record.SimulationResult;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The explorer's pieces without HTTP: limits that hold every preset, stimulus detection, decimation, and a
 * chunked live run giving the spikes of one uninterrupted run.
 */
class ExplorerModelTest
{
    @Test
    void everyPresetLiesWithinTheExplorersLimits()
    {
        for (final Preset preset : Presets.all())
        {
            final boolean model2007 = preset.group() == PresetGroup.IZHIKEVICH_2007;
            for (final ParameterLimit limit : ParameterLimit.model(model2007))
            {
                limit.check(NeuronRequest.value(preset.model(), limit.key()));
            }
            ParameterLimit.DT.check(preset.dtMs());
            ParameterLimit.DURATION.check(preset.durationMs());
            ParameterLimit.current(model2007).check(PresetStimulus.of(preset).current());
        }
    }

    @Test
    void aPresetWhoseProtocolIsOneDcStepShowsThatStep()
    {
        final PresetStimulus tonicBursting = PresetStimulus.of(Presets.byName("tonic_bursting"));
        assertTrue(tonicBursting.isStep());
        assertEquals(15.0, tonicBursting.current());
        assertTrue(Double.isNaN(tonicBursting.offset()));
        final PresetStimulus pulse = PresetStimulus.of(Presets.byName("spike_latency"));
        assertTrue(pulse.isStep());
        assertEquals(7.04, pulse.current());
        assertTrue(pulse.offset() > pulse.onset());
        assertTrue(!PresetStimulus.of(Presets.byName("resonator")).isStep());
        assertTrue(!PresetStimulus.of(Presets.byName("class_1_excitable")).isStep());
    }

    /** The DC step the page suggests for a protocol that is not one applies current within the run. */
    @Test
    void theSuggestedDcStepStartsBeforeTheRunEnds()
    {
        for (final Preset preset : Presets.all())
        {
            final PresetStimulus step = PresetStimulus.of(preset);
            assertTrue(step.onset() < preset.durationMs(), preset.name() + ": DC step suggested from " + step.onset() +
                " ms in a " + preset.durationMs() + " ms run");
        }
    }

    @Test
    void decimationKeepsEverySpikePeak()
    {
        final double[] v = new double[10_001];
        for (int k = 0; k < v.length; k++)
        {
            v[k] = k % 997 == 0 ? 30.0 : -65.0 + (k % 7);
        }
        final int[] kept = TraceDecimation.indices(v);
        assertTrue(kept.length <= TraceDecimation.MAX_POINTS);
        int peaks = 0;
        for (int k = 1; k < kept.length; k++)
        {
            assertTrue(kept[k] > kept[k - 1]);
        }
        for (final int index : kept)
        {
            peaks += v[index] == 30.0 ? 1 : 0;
        }
        assertEquals(11, peaks);
    }

    @Test
    void chunkedRunGivesTheSpikesOfOneRun()
    {
        final ExperimentConfig config = ExperimentLoader.load(Path.of("..", "configs", "cortex2003.yaml"))
            .withDurationMs(210);
        final SimulationResult whole = Network.build(NetworkAssembler.builder(config)).run(210);
        final Network chunked = Network.build(NetworkAssembler.builder(config));
        final List<SimulationResult> chunks = new ArrayList<>();
        for (final int steps : new int[] {25, 1, 7, 100, 77})
        {
            chunks.add(chunked.run(steps));
        }
        final SimulationResult joined = SimulationResult.concat(chunks, null, 210);
        assertEquals(whole.steps(), joined.steps());
        assertEquals(SimulationResult.StopReason.COMPLETED, joined.stopReason());
        final SimulationResult stopped = SimulationResult.concat(chunks.subList(0, 3), null, 210);
        assertEquals(SimulationResult.StopReason.INTERRUPTED, stopped.stopReason(), "stopped after the third chunk");
        assertEquals(33, stopped.steps());
        assertEquals(210, stopped.requestedSteps());
        assertTrue(whole.spikeCount() > 1000);
        assertArrayEquals(whole.spikeSteps(), joined.spikeSteps());
        assertArrayEquals(whole.spikeNeurons(), joined.spikeNeurons());
        assertEquals(whole.synapticEvents(), joined.synapticEvents());
    }

    /**
     * The nullclines' crossings are named stable or unstable from the model's Jacobian: the phase plane's summary
     * called each "the rest states". The 2003 RS cell at I = 0 crosses at v = -70 (0.04 v^2 + 4.8 v + 140 = 0, a
     * stable node: trace -0.62, determinant 0.016) and at v = -50 (a saddle); the book's FS cell at its 200 pA crosses
     * once, at v = -26.2 mV, with a positive trace (about 1.9), and fires tonically there.
     */
    @Test
    void theNullclinesCrossingsAreNamedStableOrUnstableFromTheJacobian()
    {
        final double[] grid = new double[241];
        for (int k = 0; k < grid.length; k++)
        {
            grid[k] = -90.0 + 130.0 * k / (grid.length - 1);
        }
        final List<Equilibria.Point> rs = Equilibria.of(Presets.byName("RS").runSpec().model(), grid, 0.0);
        assertEquals(2, rs.size(), rs.toString());
        assertEquals(-70.0, rs.get(0).v(), 1e-9);
        assertEquals(-14.0, rs.get(0).u(), 1e-9);
        assertTrue(rs.get(0).stable(), rs.toString());
        assertEquals(-50.0, rs.get(1).v(), 1e-9);
        assertTrue(!rs.get(1).stable(), rs.toString());
        final List<Equilibria.Point> fs = Equilibria.of(Presets.byName("izh2007_fs").runSpec().model(), grid, 200.0);
        assertEquals(1, fs.size(), fs.toString());
        assertEquals(-26.2, fs.get(0).v(), 0.05);
        assertTrue(!fs.get(0).stable(), fs.toString());
    }
}
