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
}
