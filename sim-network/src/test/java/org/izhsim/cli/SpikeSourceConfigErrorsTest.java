package org.izhsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Wrong spike source populations ({@code model: poisson}, {@code model: spike_times}) and what may not reach them: sim run exits 2 with one line
 * naming the file, line and column, and writes nothing.
 */
class SpikeSourceConfigErrorsTest
{
    private static final String RS = "params: {a: 0.02, b: 0.2, c: -65, d: 8}";

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "no rate            | {size: 10, model: poisson} | | 3:7: missing required key 'rate_hz' in population 'in': the rate of each of its Poisson sources, in Hz",
        "negative rate      | {size: 10, model: poisson, rate_hz: -1} | | 3:43: 'rate_hz' must be >= 0 in population 'in', got -1",
        "rate over 1000 Hz  | {size: 10, model: poisson, rate_hz: 1500} | | 3:43: 'rate_hz' in population 'in' is 1500 Hz; a Poisson source fires at most once per 1 ms step: at most 1000 Hz",
        "rate not a number  | {size: 10, model: poisson, rate_hz: fast} | | 3:43: expected a number for 'rate_hz', got 'fast'",
        "params of a source | {size: 10, model: poisson, rate_hz: 5, " + RS + "} | | 3:46: 'params' in population 'in': a spike source population (model: poisson) has no equations, parameters or input; it fires at 'rate_hz'",
        "input of a source  | {size: 10, model: poisson, rate_hz: 5, input: {dc: 3}} | | 3:46: 'input' in population 'in': a spike source population (model: poisson) has no equations, parameters or input; it fires at 'rate_hz'",
        "v0 of a source     | {size: 10, v0: -70, model: poisson, rate_hz: 5} | | 3:18: 'v0' in population 'in': a spike source population (model: poisson) has no equations, parameters or input; it fires at 'rate_hz'",
        "rate of a neuron   | {size: 10, rate_hz: 5, " + RS + "} | | 3:18: 'rate_hz' in population 'in': the rate of a Poisson source population (model: poisson); these neurons integrate the 2003 equations: for Poisson spikes into them give 'input: {poisson: {rate_hz: ..., weight: ...}}'",
        "unknown model      | {size: 10, model: lif, rate_hz: 5} | | 3:25: unknown model 'lif' in population 'in' (valid: izhikevich2003, izhikevich2007, poisson, spike_times)",
        "projection into it | {size: 10, model: poisson, rate_hz: 5} | projections:\\n  - {from: b, to: in, rule: all_to_all, weight: 1} | 6:19: projection 'b->in' ends in population 'in', a spike source (model: poisson) that only sends spikes: nothing may reach it",
        "random input to it | {size: 10, model: poisson, rate_hz: 5} | random_input: {to: [in, b], amplitude: 20} | 5:20: random_input reaches population 'in', a spike source (model: poisson) that only sends spikes: nothing may reach it",
        "no times           | {size: 2, model: spike_times} | | 3:7: missing required key 'spike_times_ms' in population 'in': a list of each neuron's spike times in ms, one list per neuron ([[10, 110], [15]] for two neurons), or {file: times.csv}",
        "a path, not a file | {size: 2, model: spike_times, spike_times_ms: times.csv} | | 3:53: 'spike_times_ms' of population 'in' is a list of one list of times per neuron, or {file: times.csv}, got 'times.csv'",
        "times of too few   | {size: 2, model: spike_times, spike_times_ms: [[1]]} | | 3:53: 'spike_times_ms' in population 'in' has 1 lists; give one per neuron, 2 (an empty [] for a neuron that never fires)",
        "flat list          | {size: 1, model: spike_times, spike_times_ms: [10, 20]} | | 3:54: 'spike_times_ms' in population 'in' is a list of lists, one per neuron: item 1 is '10' (one neuron: [[10, 20]])",
        "negative time      | {size: 2, model: spike_times, spike_times_ms: [[5], [7, -1]]} | | 3:63: 'spike_times_ms' of neuron 1 in population 'in': spike time -1 ms is outside 0..2147483647 ms (the run's steps)",
        "fractional time    | {size: 1, model: spike_times, spike_times_ms: [[2.5]]} | | 3:55: expected an integer for 'spike_times_ms', got '2.5'",
        "time twice         | {size: 1, model: spike_times, spike_times_ms: [[9, 4, 9]]} | | 3:61: 'spike_times_ms' of neuron 0 in population 'in': spike time 9 ms is given twice (a source fires at most once per 1 ms step)",
        "time past repeat   | {size: 1, model: spike_times, spike_times_ms: [[3, 50]], repeat_every_ms: 50} | | 3:58: 'spike_times_ms' of neuron 0 in population 'in': spike time 50 ms is not below the repeat period of 50 ms",
        "zero repeat        | {size: 1, model: spike_times, spike_times_ms: [[3]], repeat_every_ms: 0} | | 3:77: 'repeat_every_ms' must be > 0 in population 'in', got 0",
        "rate of times      | {size: 1, model: spike_times, spike_times_ms: [[3]], rate_hz: 5} | | 3:60: 'rate_hz' in population 'in': it belongs to model: poisson; this population has model: spike_times",
        "times of poisson   | {size: 1, model: poisson, rate_hz: 5, repeat_every_ms: 5} | | 3:45: 'repeat_every_ms' in population 'in': it belongs to model: spike_times; this population has model: poisson",
        "times of a neuron  | {size: 1, spike_times_ms: [[3]], " + RS + "} | | 3:17: 'spike_times_ms' in population 'in': for a population of spike sources at given times (model: spike_times); these neurons integrate the 2003 equations",
        "connections onto it| {size: 10, model: poisson, rate_hz: 5} | projections:\\n  - {from: b, to: in, connections: missing.csv} | 6:19: projection 'b->in' ends in population 'in', a spike source (model: poisson) that only sends spikes: nothing may reach it",
        "unknown key        | {size: 10, model: poisson, rate_hz: 5, weight: 1} | | 3:46: unknown key 'weight' in population 'in' (valid keys: size, model, rate_hz)",
        "projection to them | {size: 1, model: spike_times, spike_times_ms: [[3]]} | projections:\\n  - {from: b, to: [in, b], rule: all_to_all, weight: 1} | 6:20: projection 'b->in+b' ends in population 'in', a spike source (model: spike_times) that only sends spikes: nothing may reach it",
    })
    void refusedWithOneLocatedLine(final String what, final String source, final String tail, final String expected)
        throws IOException
    {
        final Path file = tmp.resolve("exp.yaml");
        Files.writeString(file, "duration_ms: 5\npopulations:\n  in: " + source + "\n  b: {size: 10, " + RS + "}\n" +
            (tail == null ? "" : tail.replace("\\n", "\n") + "\n"));
        final Path out = tmp.resolve("out");
        final CommandLineRun run = CommandLineRun.of("run", file.toString(), "--out", out.toString(), "--quiet");
        assertEquals(2, run.exitCode(), what + ": " + run.out() + run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertEquals("sim: " + file + ":" + expected, run.errorLine(), what);
        assertFalse(Files.exists(out), "run wrote nothing");
    }
}
