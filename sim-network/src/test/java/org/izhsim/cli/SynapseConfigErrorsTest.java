package org.izhsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Wrong {@code synapse} and {@code stp} values of a projection: sim run exits 2 with one line naming the file,
 * line and column of the value, and writes nothing.
 */
class SynapseConfigErrorsTest
{
    private static final String PARAMS = "params: {a: 0.02, b: 0.2, c: -65, d: 8}";
    /** The projection's mapping starts at column 5 of line 6; its last entry is the key under test. */
    private static final String HEAD = "duration_ms: 5\npopulations:\n  a: {size: 10, " + PARAMS + "}\n" +
        "  b: {size: 10, " + PARAMS + "}\nprojections:\n  - {from: a, to: b, weight: 1, rule: all_to_all, ";

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown type        | synapse: {type: alpha}} | 6:67: unknown synapse type 'alpha' in 'synapse' of projection 'a->b' (valid: current, exponential, conductance)",
        "tau not a number    | synapse: {type: exponential, tau_ms: fast}} | 6:88: expected a number for 'tau_ms', got 'fast'",
        "negative tau        | synapse: {type: exponential, tau_ms: -5}} | 6:88: 'tau_ms' must be a time constant from 1 ms (the step) to 1e9 ms in 'synapse' of projection 'a->b', got -5",
        "exponential, no tau | synapse: exponential} | 6:60: synapse type 'exponential' needs its time constant: synapse: {type: exponential, tau_ms: 5} in projection 'a->b'",
        "unknown receptor    | synapse: {type: conductance, tau_gaba_c_ms: 5}} | 6:80: unknown key 'tau_gaba_c_ms' in 'synapse' of projection 'a->b', did you mean 'tau_gaba_a_ms' or 'tau_gaba_b_ms'?",
        "key of another type | synapse: {type: exponential, tau_ms: 5, fast: 2}} | 6:91: 'fast' does not apply to synapse type 'exponential' in projection 'a->b'",
        "suggests its type's | synapse: {type: conductance, tau: 5}} | 6:80: unknown key 'tau' in 'synapse' of projection 'a->b', did you mean 'tau_ampa_ms'?",
        "negative multiplier | synapse: {type: conductance, fast: -1}} | 6:86: 'fast' must be >= 0 in 'synapse' of projection 'a->b', got -1",
        "reversal of 1e30 mV | synapse: {type: conductance, e_gaba_b_mv: -1e30}} | 6:93: 'e_gaba_b_mv' must lie within +-1000 mV (real receptors' lie within about +-100 mV) in 'synapse' of projection 'a->b', got -1e30",
        "unknown decay       | synapse: {type: conductance, decay: euler}} | 6:87: unknown decay 'euler' in 'synapse' of projection 'a->b' (valid: carlsim, exact)",
        "a list              | synapse: [conductance]} | 6:60: expected a mapping for 'synapse', got a list",
        "U above 1           | stp: {U: 1.5, tau_u_ms: 20, tau_x_ms: 700}} | 6:60: 'U' must be within (0, 1] in 'stp' of projection 'a->b', got 1.5",
        "negative STP tau    | stp: {U: 0.2, tau_u_ms: -20, tau_x_ms: 700}} | 6:75: 'tau_u_ms' must be a time constant from 1 ms (the step) to 1e9 ms in 'stp' of projection 'a->b', got -20",
        "tau beyond 1e9 ms   | synapse: {type: exponential, tau_ms: 1e39}} | 6:88: 'tau_ms' must be a time constant from 1 ms (the step) to 1e9 ms in 'synapse' of projection 'a->b', got 1e39",
        "U whose 1/U is inf  | stp: {U: 1e-39, tau_u_ms: 20, tau_x_ms: 700}} | 6:60: 'U' must be at least 2.94e-39 (1/U, CARLsim's STP_A, is kept as a float) in 'stp' of projection 'a->b', got 1e-39",
        "STP key missing     | stp: {U: 0.2, tau_u_ms: 20}} | 6:56: missing key 'tau_x_ms' in 'stp' of projection 'a->b' (or give 'defaults: excitatory' or 'defaults: inhibitory' for CARLsim's values)",
        "unknown STP preset  | stp: depressing} | 6:56: unknown STP defaults 'depressing' in projection 'a->b' (valid: excitatory, inhibitory)",
        "receptors disagree  | synapse: {type: conductance}}\\n  - {from: b, to: b, weight: -1, rule: all_to_all, synapse: {type: conductance, tau_gaba_a_ms: 10}} " +
            "| 7:61: population 'b' also receives conductance synapses from projection 'a->b', and projections into one population share its synaptic state: tau_gaba_a_ms 10.0 against 6.0 in projection 'b->b'",
        "exponential taus    | synapse: {type: exponential, tau_ms: 5}}\\n  - {from: b, to: b, weight: 1, rule: all_to_all, synapse: {type: exponential, tau_ms: 5, decay: exact}} " +
            "| 7:60: population 'b' also receives exponential synapses from projection 'a->b', and projections into one population share its synaptic state: decay exact against carlsim in projection 'b->b'",
    })
    void refusedWithOneLocatedLine(final String what, final String tail, final String expected) throws IOException
    {
        final Path file = tmp.resolve("exp.yaml");
        Files.writeString(file, HEAD + tail.replace("\\n", "\n") + "\n");
        final Path out = tmp.resolve("out");
        final CommandLineRun run = CommandLineRun.of("run", file.toString(), "--out", out.toString(), "--quiet");
        assertEquals(2, run.exitCode(), what + ": " + run.out() + run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        final String line = run.errorLine();
        final String located = "sim: " + file + ":" + expected;
        assertEquals(located, line, what);
        assertFalse(Files.exists(out), "run wrote nothing");
    }
}
