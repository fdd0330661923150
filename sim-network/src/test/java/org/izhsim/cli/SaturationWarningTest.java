package org.izhsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A population driven far beyond the model's range fires in every step, a rate the 1 ms step sets: sim run said
 * nothing of it ("post 10,000 spikes, 1000.00 Hz"), where sim neuron warns of such a neuron.
 */
class SaturationWarningTest
{
    @Test
    void aPopulationFiringInEveryStepIsWarnedOfAndOthersAreNot(@TempDir final Path dir) throws Exception
    {
        final Path config = dir.resolve("driven.yaml");
        Files.writeString(config, String.join("\n",
            "duration_ms: 500",
            "populations:",
            "  calm:   {size: 2, params: {a: 0.02, b: 0.2, c: -65, d: 8}, input: {dc: 10}}",
            "  driven: {size: 2, params: {a: 0.02, b: 0.2, c: -65, d: 8}, input: {dc: 1000}}", ""));
        final CommandLineRun run = CommandLineRun.of("run", config.toString(), "--out", dir.resolve("out").toString(),
            "--quiet");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("sim: warning: population 'driven' fired at 1000.00 Hz on average, in every " +
            "step: its rate is set by the 1 ms step, not by the model"), run.err());
        assertTrue(!run.err().contains("'calm'"), run.err());
    }

    /**
     * A spike source fires at the rate or times the user set: a poisson source at rate_hz 500 (here 600) and a spike_times replay
     * in every step were told their input, weights or parameters were beyond the model's range.
     */
    @Test
    void spikeSourcesAtTheRatesTheUserSetAreNotWarnedOf(@TempDir final Path dir) throws Exception
    {
        final Path config = dir.resolve("sources.yaml");
        Files.writeString(config, String.join("\n",
            "duration_ms: 500",
            "populations:",
            "  fast:   {size: 50, model: poisson, rate_hz: 600}",
            "  replay: {size: 1, model: spike_times, spike_times_ms: [[0]], repeat_every_ms: 1}",
            "  driven: {size: 2, params: {a: 0.02, b: 0.2, c: -65, d: 8}, input: {dc: 1000}}", ""));
        final CommandLineRun run = CommandLineRun.of("run", config.toString(), "--out", dir.resolve("out").toString(),
            "--quiet");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(!run.err().contains("'fast'") && !run.err().contains("'replay'"), run.err());
        assertTrue(run.err().contains("sim: warning: population 'driven' fired at 1000.00 Hz"), run.err());
    }
}
