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
 * Wrong Poisson source populations ({@code model: poisson}) and what may not reach them: sim run exits 2 with one line
 * naming the file, line and column, and writes nothing.
 */
class PoissonSourceConfigErrorsTest
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
        "params of a source | {size: 10, model: poisson, rate_hz: 5, " + RS + "} | | 3:46: 'params' in population 'in': a Poisson source population (model: poisson) has no equations, parameters or input; it fires at 'rate_hz'",
        "input of a source  | {size: 10, model: poisson, rate_hz: 5, input: {dc: 3}} | | 3:46: 'input' in population 'in': a Poisson source population (model: poisson) has no equations, parameters or input; it fires at 'rate_hz'",
        "v0 of a source     | {size: 10, v0: -70, model: poisson, rate_hz: 5} | | 3:18: 'v0' in population 'in': a Poisson source population (model: poisson) has no equations, parameters or input; it fires at 'rate_hz'",
        "rate of a neuron   | {size: 10, rate_hz: 5, " + RS + "} | | 3:18: 'rate_hz' in population 'in' is the rate of a Poisson source population (model: poisson); these neurons integrate the 2003 equations: for Poisson spikes into them give 'input: {poisson: {rate_hz: ..., weight: ...}}'",
        "unknown model      | {size: 10, model: lif, rate_hz: 5} | | 3:25: unknown model 'lif' in population 'in' (valid: izhikevich2003, poisson)",
        "projection into it | {size: 10, model: poisson, rate_hz: 5} | projections:\\n  - {from: b, to: in, rule: all_to_all, weight: 1} | 6:19: population 'in' is a Poisson source (model: poisson), which only sends spikes: a projection cannot end in it in projection 'b->in'",
        "random input to it | {size: 10, model: poisson, rate_hz: 5} | random_input: {to: [in, b], amplitude: 20} | 5:20: population 'in' is a Poisson source (model: poisson), which only sends spikes: no input reaches it in random_input",
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
