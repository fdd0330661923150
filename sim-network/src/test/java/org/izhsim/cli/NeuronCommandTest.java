package org.izhsim.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NeuronCommandTest
{
    @TempDir
    Path tmp;

    @Test
    void jsonOfAnRsNeuronShowsAdaptingSpikesAndNothingElse()
    {
        final CommandLineRun run = CommandLineRun.of("neuron", "--preset", "RS", "--current", "10",
            "--duration", "500", "--json");

        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", run.err());
        final String json = run.out();
        assertTrue(json.startsWith("{\"preset\":\"RS\",\"arguments\":[\"neuron\",\"--preset\",\"RS\",\"--current\",\"10\"," +
            "\"--duration\",\"500\",\"--json\"],\"params\":{\"a\":0.02,\"b\":0.2,\"c\":-65.0,\"d\":8.0}," +
            "\"method\":\"semi_implicit_euler\",\"dt\":0.25,"), json);
        assertTrue(json.endsWith("}\n") && json.indexOf('\n') == json.length() - 1, "one line: " + json);

        final double[] spikes = spikeTimes(json);
        assertEquals(spikes.length, Integer.parseInt(field(json, "spike_count")));
        assertTrue(spikes.length >= 8, "RS fires tonically at I = 10: " + json);
        final double firstIsi = spikes[1] - spikes[0];
        final double lastIsi = spikes[spikes.length - 1] - spikes[spikes.length - 2];
        assertTrue(lastIsi > 1.4 * firstIsi, "regular spiking adapts: first ISI " + firstIsi + ", last " + lastIsi);
        assertEquals(spikes[0], Double.parseDouble(field(json, "first_spike_ms")));
        assertEquals(spikes.length / 0.5, Double.parseDouble(field(json, "mean_rate_hz")), 1e-9);
    }

    /**
     * The RS preset's "5 spikes, mean rate 33.33 Hz" read as the rate under its step, which starts at 15 ms: the line
     * says the rate is over the whole run.
     */
    @Test
    void theMeanRateSaysItIsOverTheWholeRun()
    {
        final CommandLineRun run = CommandLineRun.of("neuron", "--preset", "RS");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("\n  5 spikes, mean rate 33.33 Hz over the whole 150 ms, first at 18.25 ms\n"),
            run.out());
    }

    /**
     * tonic_bursting with a = 0.03 fires at the last step, t = T: "40 spikes, mean rate 177.27 Hz over the whole 220
     * ms" read as a wrong rate (40 / 0.22 s is 181.8 Hz); the line says which spikes the rate counts.
     */
    @Test
    void aSpikeAtTheLastStepIsNamedAsLeftOutOfTheRate()
    {
        final CommandLineRun run = CommandLineRun.of("neuron", "--preset", "tonic_bursting", "--a", "0.03");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("\n  40 spikes, mean rate 177.27 Hz over the whole 220 ms (of the 39 before t = " +
            "220 ms: the spike at the last step, t = T, starts the interval after T), first at "), run.out());
        final CommandLineRun json = CommandLineRun.of("neuron", "--preset", "tonic_bursting", "--a", "0.03", "--json");
        assertEquals("40", field(json.out(), "spike_count"));
        assertEquals("39", field(json.out(), "mean_rate_spike_count"));
    }

    @Test
    void aFeaturePresetWithoutOptionsRunsItsPublishedProtocol()
    {
        final CommandLineRun run = CommandLineRun.of("neuron", "--preset", "phasic_spiking", "--json");

        assertEquals(0, run.exitCode(), run.err());
        assertEquals(1, spikeTimes(run.out()).length, "phasic spiking fires once: " + run.out());
        assertTrue(run.out().contains("\"dt\":0.25"));
    }

    /**
     * accommodation's u' = a b (v + 65) has no u-nullcline: --v0 at the preset's own -65 put u0 at b v0 instead of
     * figure1.m's -16, and one spike at 311.5 ms became 9 from 1 ms.
     */
    @Test
    void aV0OfAModelWithoutAUNullclineKeepsThePresetsU0()
    {
        final CommandLineRun plain = CommandLineRun.of("neuron", "--preset", "accommodation", "--json");
        final CommandLineRun withV0 = CommandLineRun.of("neuron", "--preset", "accommodation", "--v0", "-65", "--json");
        assertEquals(0, withV0.exitCode(), withV0.err());
        assertEquals(field(plain.out(), "spike_count"), field(withV0.out(), "spike_count"), withV0.out());
        assertEquals(field(plain.out(), "first_spike_ms"), field(withV0.out(), "first_spike_ms"), withV0.out());
    }

    @Test
    void writesTraceSpikesAndFigures() throws IOException
    {
        final Path out = tmp.resolve("rs");
        final CommandLineRun run = CommandLineRun.of("neuron", "--preset", "RS", "--out", out.toString());

        assertEquals(0, run.exitCode(), run.err());
        final List<String> trace = Files.readAllLines(out.resolve("trace.csv"));
        assertEquals("t_ms,v_mV,u,I", trace.get(0));
        assertEquals(601 + 1, trace.size(), "150 ms at dt 0.25: 601 steps and a header");
        final List<String> spikes = Files.readAllLines(out.resolve("spikes.csv"));
        assertEquals("t_ms", spikes.get(0));
        assertTrue(spikes.size() > 2);
        assertTrue(Files.size(out.resolve("neuron.png")) > 10_000);
        assertTrue(Files.readString(out.resolve("neuron.svg")).startsWith("<?xml"));
    }

    @Test
    void stimulusFileReplacesThePresetCurrent() throws IOException
    {
        final Path file = tmp.resolve("pulses.yaml");
        Files.writeString(file, "stimulus:\n  - pulse_train: {amplitude: 30, start_ms: 10, width_ms: 2, period_ms: 50, count: 3}\n");

        final CommandLineRun run = CommandLineRun.of("neuron", "--preset", "RS", "--stimulus", file.toString(),
            "--duration", "200", "--json");

        assertEquals(0, run.exitCode(), run.err());
        final double[] spikes = spikeTimes(run.out());
        assertEquals(3, spikes.length, "one spike per strong pulse: " + run.out());
        for (int i = 0; i < 3; i++)
        {
            final double pulseStart = 10 + 50 * i;
            assertTrue(spikes[i] >= pulseStart && spikes[i] < pulseStart + 10, "spike follows pulse " + i);
        }
    }

    @Test
    void unknownPresetIsOneLineAndExitCode2()
    {
        final CommandLineRun run = CommandLineRun.of("neuron", "--preset", "RX", "--out", tmp.resolve("x").toString());

        assertEquals(2, run.exitCode());
        assertEquals("sim: unknown preset 'RX'; did you mean 'RS'? (run 'sim neuron --list' to see all 37 presets)",
            run.errorLine());
        assertFalse(Files.exists(tmp.resolve("x")));
        assertEquals("", run.out());
    }

    /**
     * A preset run with parameters of its own was titled as the preset's cell (RS with FS's a and d, at 160 Hz, read
     * "RS: regular spiking (RS)" in the text and the figure); the title says the parameters given.
     */
    @Test
    void aPresetWithParametersGivenIsTitledWithThem()
    {
        final CommandLineRun run = CommandLineRun.of("neuron", "--preset", "RS", "--a", "0.1", "--d", "2");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("RS: regular spiking (RS) with a 0.1, d 2", run.out().lines().findFirst().orElse(""));
        assertEquals("RS: regular spiking (RS)", CommandLineRun.of("neuron", "--preset", "RS").out().lines().findFirst()
            .orElse(""), "the preset alone keeps its title");
        final CommandLineRun book = CommandLineRun.of("neuron", "--preset", "izh2007_rs", "--k", "0.8");
        assertTrue(book.out().lines().findFirst().orElse("").endsWith(" with k 0.8"), book.out());
    }

    @Test
    void badNumbersAreNamedWithTheirOption()
    {
        assertEquals("sim: --dt must be a positive number of ms, got 0",
            CommandLineRun.of("neuron", "--dt", "0").errorLine());
        assertEquals("sim: --dt must be a positive number of ms, got Infinity",
            CommandLineRun.of("neuron", "--dt", "1e999").errorLine());
        assertEquals("sim: --duration must be a positive number of ms, got -5",
            CommandLineRun.of("neuron", "--duration", "-5").errorLine());
        assertEquals("sim: --onset and --offset need --current",
            CommandLineRun.of("neuron", "--onset", "5").errorLine());
        assertEquals("sim: --C, --k, --vr, --vt and --vpeak belong to the 2007 model; preset 'RS' is a 2003 model " +
            "(use --model 2007 or an izh2007_* preset)", CommandLineRun.of("neuron", "--vpeak", "30").errorLine());
        assertEquals("sim: --model 2007 does not match preset 'RS' (a 2003 model)",
            CommandLineRun.of("neuron", "--preset", "RS", "--model", "2007").errorLine());

        final CommandLineRun notANumber = CommandLineRun.of("neuron", "--dt", "abc");
        assertEquals(2, notANumber.exitCode());
        assertTrue(notANumber.errorLine().startsWith("sim: Invalid value for option '--dt': 'abc' is not a decimal number"),
            notANumber.err());
    }

    @Test
    void malformedStimulusFileIsLocatedAndLeavesNoOutput() throws IOException
    {
        final Path file = tmp.resolve("bad.yaml");
        Files.writeString(file, "stimulus:\n  - dc: {amplitude: 10, onset_ms: 5, ofset_ms: 50}\n");
        final Path out = tmp.resolve("out");

        final CommandLineRun run = CommandLineRun.of("neuron", "--stimulus", file.toString(), "--out", out.toString());

        assertEquals(2, run.exitCode());
        assertTrue(run.errorLine().startsWith("sim: " + file + ":2:"), run.err());
        assertTrue(run.errorLine().contains("'ofset_ms'") && run.errorLine().contains("offset_ms"), run.err());
        assertFalse(Files.exists(out));
        try (var siblings = Files.list(tmp))
        {
            assertEquals(List.of(file), siblings.toList(), "no temporary folder left behind");
        }
    }

    @Test
    void overridesOf2007MembraneParametersApply()
    {
        final CommandLineRun base = CommandLineRun.of("neuron", "--preset", "izh2007_rs", "--json");
        final CommandLineRun stronger = CommandLineRun.of("neuron", "--preset", "izh2007_rs", "--current", "300",
            "--json");
        final CommandLineRun largerCapacitance = CommandLineRun.of("neuron", "--preset", "izh2007_rs",
            "--current", "300", "--C", "200", "--json");

        assertEquals(0, base.exitCode(), base.err());
        final int atDefault = spikeTimes(base.out()).length;
        final int at300 = spikeTimes(stronger.out()).length;
        final int slowerMembrane = spikeTimes(largerCapacitance.out()).length;
        assertTrue(at300 > atDefault, "more current, more spikes: " + atDefault + " -> " + at300);
        assertTrue(slowerMembrane < at300, "a larger C slows the membrane: " + at300 + " -> " + slowerMembrane);
    }

    /**
     * A preset whose equations are not its family's standard form says so in the text and in --json's params: the 2004
     * figure's panels G and L (0.04 v^2 + 4.1 v + 108) and R (u' = a b (v + 65)), the book's cells with rules. A tester
     * copying class_1_excitable's printed a, b, c, d into the 2003 model got another neuron.
     */
    @Test
    void aPresetWithChangedEquationsNamesThem()
    {
        final CommandLineRun classOne = CommandLineRun.of("neuron", "--preset", "class_1_excitable");
        assertEquals(0, classOne.exitCode(), classOne.err());
        assertTrue(classOne.out().contains("\n  equations: v' = 0.04 v^2 + 4.1 v + 108 - u + I (not 0.04 v^2 + 5 v + " +
            "140)\n"), classOne.out());
        final CommandLineRun accommodation = CommandLineRun.of("neuron", "--preset", "accommodation", "--json");
        assertEquals(0, accommodation.exitCode(), accommodation.err());
        assertTrue(accommodation.out().contains("\"d\":4.0,\"equations\":\"u' = a b (v + 65) (not a (b v - u))\"}"),
            accommodation.out());
        final CommandLineRun lts = CommandLineRun.of("neuron", "--preset", "izh2007_lts");
        assertTrue(lts.out().contains("\n  equations: spike at v > vpeak - 0.1 u, reset to c + 0.04 u, u <= 670 pA " +
            "after a spike\n"), lts.out());
        final CommandLineRun curve = CommandLineRun.of("neuron", "--preset", "class_1_excitable", "--fi", "2,3");
        assertTrue(curve.out().contains("\n  equations: v' = 0.04 v^2 + 4.1 v + 108 - u + I (not 0.04 v^2 + 5 v + 140)\n"),
            "the f-I curve's text too: " + curve.out());
        final CommandLineRun rs = CommandLineRun.of("neuron", "--preset", "RS", "--json");
        assertTrue(!rs.out().contains("equations") && !CommandLineRun.of("neuron", "--preset", "izh2007_rs").out()
            .contains("equations"), rs.out());
    }

    /**
     * The book's FS cell at dt 1 ms: a forward-Euler step from below vr - C / (dt k) overshoots the rest point (v went
     * to -153 mV and the cell fired from there, without a word; the network reports it as a blow-up). sim neuron warns;
     * at the book's 0.25 ms it does not.
     */
    @Test
    void anEulerStepOvershootingTheRestPointIsWarnedOf()
    {
        final CommandLineRun coarse = CommandLineRun.of("neuron", "--preset", "izh2007_fs", "--dt", "1", "--duration", "50");
        assertEquals(0, coarse.exitCode(), coarse.err());
        assertTrue(coarse.err().contains("sim: warning: at t = 6 ms a forward-Euler step of dt = 1 ms started from v = " +
            "-95.") && coarse.err().contains("below vr - C / (dt k) = -75 mV, where the step overshoots the rest " +
            "point: from there on v and the spikes are the scheme's, not the model's; lower dt"), coarse.err());
        final CommandLineRun fine = CommandLineRun.of("neuron", "--preset", "izh2007_fs", "--duration", "50");
        assertTrue(!fine.err().contains("overshoots"), fine.err());
        final CommandLineRun curve = CommandLineRun.of("neuron", "--preset", "izh2007_fs", "--dt", "1", "--duration",
            "50", "--fi", "100:300:100");
        assertEquals(0, curve.exitCode(), curve.err());
        assertTrue(curve.err().contains("sim: warning: at ") && curve.err().contains("a forward-Euler step of dt = 1 ms " +
            "started below vr - C / (dt k) = -75 mV, where the step overshoots the rest point"), "the f-I curve too: " +
            curve.err());
        // k <= 0 is refused, as the network refuses it (k -0.7 ran and warned against a bound of +511 mV).
        final CommandLineRun negative = CommandLineRun.of("neuron", "--model", "2007", "--k", "-0.7");
        assertEquals(2, negative.exitCode());
        assertEquals("sim: --k must be a positive gain in nS/mV, got -0.7\n", negative.err());
        assertEquals(2, CommandLineRun.of("neuron", "--model", "2007", "--k", "0").exitCode());
        final CommandLineRun other = CommandLineRun.of("neuron", "--preset", "izh2007_fs", "--dt", "1", "--method", "rk4",
            "--duration", "50");
        assertTrue(!other.err().contains("overshoots"), "the bound is forward Euler's: " + other.err());
    }

    @Test
    void listNamesEveryPresetGroup()
    {
        final CommandLineRun run = CommandLineRun.of("neuron", "--list");

        assertEquals(0, run.exitCode());
        for (final String name : new String[] {"RS", "LTS", "tonic_spiking", "inhibition_induced_bursting", "izh2007_rtn"})
        {
            assertTrue(Pattern.compile("^  " + name + " ", Pattern.MULTILINE).matcher(run.out()).find(), name);
        }
    }

    /** --json promises one JSON object and nothing else; with --list it printed the text list. */
    @Test
    void listWithJsonIsOneJsonObjectOfEveryPreset() throws Exception
    {
        final CommandLineRun run = CommandLineRun.of("neuron", "--list", "--json");
        assertEquals(0, run.exitCode(), run.err());
        final java.util.Map<String, java.util.List<String>> lists = new java.util.HashMap<>();
        try (com.fasterxml.jackson.core.JsonParser parser = new com.fasterxml.jackson.core.JsonFactory()
            .createParser(run.out()))
        {
            assertEquals(com.fasterxml.jackson.core.JsonToken.START_OBJECT, parser.nextToken());
            while (parser.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME)
            {
                final String key = parser.getCurrentName();
                assertEquals(com.fasterxml.jackson.core.JsonToken.START_ARRAY, parser.nextToken(), key);
                final java.util.List<String> values = new java.util.ArrayList<>();
                while (parser.nextToken() == com.fasterxml.jackson.core.JsonToken.VALUE_STRING)
                {
                    values.add(parser.getText());
                }
                lists.put(key, values);
            }
            assertEquals(null, parser.nextToken(), "nothing after the object");
        }
        final int presets = org.izhsim.core.preset.Presets.all().size();
        assertEquals(java.util.Set.of("presets", "descriptions", "sources"), lists.keySet());
        lists.forEach((key, values) -> assertEquals(presets, values.size(), key));
        assertEquals("RS", lists.get("presets").get(0));
        assertTrue(lists.get("presets").contains("inhibition_induced_bursting"));
        assertTrue(lists.get("sources").get(0).startsWith("Izhikevich (2003)"), lists.get("sources").get(0));
    }

    /**
     * --list ignored the options given with it: {@code --list --preset X --duration 5} printed the list and ran
     * nothing, and did not even check that X is a preset. It takes --json alone (above).
     */
    @Test
    void listRefusesTheOptionsItWouldIgnore()
    {
        final Path out = tmp.resolve("out");
        final CommandLineRun run = CommandLineRun.of("neuron", "--list", "--preset", "X", "--duration", "5",
            "--out", out.toString());

        assertEquals(2, run.exitCode(), run.err());
        assertEquals("", run.out());
        assertEquals("sim: --list prints the presets and takes no option but --json, got --preset, --duration, --out: " +
            "drop --list to run a neuron (see 'sim neuron --help')", run.errorLine());
        assertFalse(Files.exists(out));
        final CommandLineRun json = CommandLineRun.of("neuron", "--json", "--list", "--current=5");
        assertEquals(2, json.exitCode(), json.err());
        assertEquals("", json.out());
    }

    /**
     * Ctrl-C (here SIGTERM, which the command treats alike) during a long run: it ended the JVM at once with no word.
     * The run is now given up at the next check (every 65,536 steps) with one line saying how far it got and that
     * nothing was written, exit 130; the unfinished output folder is gone.
     */
    @Test
    void aSignalDuringALongRunSaysItStoppedAndThatNothingWasWritten() throws Exception
    {
        final Path out = tmp.resolve("long");
        // 4,000,001 steps of RK4: 128 MB of trace and some 0.1 s of a cold JVM, while a signal comes every 2 ms.
        final CommandLineRun run = RaisedSignal.whileRunning("TERM", java.time.Duration.ofMillis(2), () ->
            CommandLineRun.of("neuron", "--duration", "200000", "--dt", "0.05", "--method", "rk4", "--json",
                "--out", out.toString()));

        assertEquals(130, run.exitCode(), run.err());
        assertEquals("", run.out());
        final Matcher m = Pattern.compile("sim: interrupted at t = ([0-9.]+) ms of 200000 ms; the run was given up and " +
            "nothing was written \\(" + Pattern.quote(out.toString()) + " is as it was\\)").matcher(run.errorLine());
        assertTrue(m.matches(), run.errorLine());
        assertTrue(Double.parseDouble(m.group(1)) < 200_000, run.errorLine());
        // k x 0.05 ms, not its binary noise (a tester's 720.8960000000001 at another dt): 12 significant digits at most.
        assertTrue(m.group(1).replace(".", "").replaceFirst("^0+", "").length() <= 12, run.errorLine());
        try (java.util.stream.Stream<Path> files = Files.list(tmp))
        {
            assertEquals(List.of(), files.toList(), "no output folder, no staging folder");
        }
    }

    /**
     * A stimulus that runs past the run's end was cut without a word: each part of it that the run ends before now gets
     * one warning on stderr (the run goes on, exit 0). The run samples t = 0, 0.25, ..., 150 ms here, so a step
     * ending at 150.25 loses nothing (the sample at 150.25 would be outside it anyway) and one ending at 150.26 does.
     */
    @Test
    void aStimulusThatRunsPastTheRunIsAppliedInPartWithOneWarningPerCutPart() throws IOException
    {
        Files.writeString(tmp.resolve("table.csv"), "t_ms,current\n0,1\n100,2\n5000,3\n");
        final Path file = tmp.resolve("long.yaml");
        Files.writeString(file, "stimulus:\n" +
            "  - pulse_train: {amplitude: 30, start_ms: 10, width_ms: 2, period_ms: 50, count: 30}\n" +
            "  - ramp: {start_ms: 2000, end_ms: 3000, to: 5}\n" +
            "  - csv: {file: table.csv}\n" +
            "  - dc: {amplitude: 1, offset_ms: 150.25}\n" +
            "  - dc: {amplitude: 1, offset_ms: 150.26}\n" +
            "  - noise: {sd: 1}\n");

        final CommandLineRun run = CommandLineRun.of("neuron", "--preset", "RS", "--stimulus", file.toString(), "--json");

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("{\"preset\":\"RS\""), run.out());
        final String preset = "the run's 150 ms (preset RS's duration; --duration sets another)";
        assertEquals(List.of(
            "sim: warning: " + file + ":2:5: pulse_train (stimulus item 1) ends at 1462 ms, after " + preset +
                "; the rest is not applied",
            "sim: warning: " + file + ":3:5: ramp (stimulus item 2) starts at 2000 ms, after " + preset +
                "; none of it is applied",
            "sim: warning: " + file + ":4:5: csv (stimulus item 3) runs to 5000 ms, after " + preset +
                "; its rows after that are not applied",
            "sim: warning: " + file + ":6:5: dc (stimulus item 5) ends at 150.26 ms, after " + preset +
                "; the rest is not applied"), run.warnings());

        final CommandLineRun longer = CommandLineRun.of("neuron", "--preset", "RS", "--stimulus", file.toString(),
            "--duration", "3000", "--json");
        assertEquals(List.of("sim: warning: " + file + ":4:5: csv (stimulus item 3) runs to 5000 ms, after the run's " +
            "3000 ms; its rows after that are not applied"), longer.warnings(), longer.err());

        final CommandLineRun step = CommandLineRun.of("neuron", "--current", "5", "--onset", "200", "--json");
        assertEquals(0, step.exitCode(), step.err());
        assertEquals(List.of("sim: warning: the --current step (--onset 200) starts at 200 ms, after " + preset +
            "; none of it is applied"), step.warnings());
        assertEquals(List.of("sim: warning: the --current step ends at 200 ms, after the run's 100 ms; the rest is not " +
            "applied"), CommandLineRun.of("neuron", "--current", "5", "--offset", "200", "--duration", "100").warnings());

        // Ten lines at most, then a count: a 1 MiB file holds some 50,000 components.
        final Path many = tmp.resolve("many.yaml");
        Files.writeString(many, "stimulus:\n" + "  - dc: {amplitude: 1, onset_ms: 500}\n".repeat(1000));
        final List<String> warnings = CommandLineRun.of("neuron", "--stimulus", many.toString(), "--duration", "100")
            .warnings();
        assertEquals(11, warnings.size(), warnings.toString());
        assertEquals("sim: warning: 990 more components of " + many + " go on after the run's 100 ms as well",
            warnings.get(10));
    }

    /**
     * The run takes the current at each step's start (t = k dt) and holds it for the step: pulses narrower than dt were
     * dropped when they fell between two step starts and stretched to a whole step when one started within them,
     * without a word. Each such component now gets a warning whose counts are those of the current in trace.csv.
     */
    @Test
    void pulsesNarrowerThanTheTimeStepAreCountedInAWarning() throws IOException
    {
        final Path file = tmp.resolve("narrow.yaml");
        Files.writeString(file, "stimulus:\n" +
            "  - pulse_train: {amplitude: 20, start_ms: 10.1, width_ms: 0.1, period_ms: 10.1, count: 19}\n" +
            "  - dc: {amplitude: 30, onset_ms: 100.3, offset_ms: 100.4}\n" +
            "  - dc: {amplitude: 40, onset_ms: 150.2, offset_ms: 150.3}\n" +
            "  - pulse_train: {amplitude: 5, start_ms: 0, width_ms: 0.25, period_ms: 1, count: 5}\n");
        final Path out = tmp.resolve("narrow-out");
        final CommandLineRun run = CommandLineRun.of("neuron", "--stimulus", file.toString(), "--duration", "200",
            "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        final String step = "less than the time step (dt = 0.25 ms), and the current is taken at each step's start " +
            "and held for the step";
        assertEquals(List.of(
            "sim: warning: " + file + ":2:5: pulse_train (stimulus item 1): its pulses last 0.1 ms, " + step + ": 12 of " +
                "its 19 pulses in the run fall between two step starts and are not applied, the other 7 are applied for " +
                "a whole step (2.50 times its charge)",
            "sim: warning: " + file + ":3:5: dc (stimulus item 2) lasts from 100.3 to 100.4 ms, " + step + "; no step " +
                "starts within it: none of it is applied",
            "sim: warning: " + file + ":4:5: dc (stimulus item 3) lasts from 150.2 to 150.3 ms, " + step + ": it is " +
                "applied for a whole step (2.50 times its charge)"), run.warnings());
        // The trace's current: the 7 pulses of item 1 (20), none of item 2 (30), one step of item 3 (40).
        final List<String> rows = Files.readAllLines(out.resolve("trace.csv"));
        int twenty = 0;
        int thirty = 0;
        int forty = 0;
        for (final String row : rows.subList(1, rows.size()))
        {
            final double current = Double.parseDouble(row.substring(row.lastIndexOf(',') + 1));
            twenty += current == 20 ? 1 : 0;
            thirty += current == 30 ? 1 : 0;
            forty += current == 40 ? 1 : 0;
        }
        assertEquals(7, twenty);
        assertEquals(0, thirty);
        assertEquals(1, forty);
    }

    /**
     * A duration that is no whole number of steps ended at the step before and divided the rate by the duration all
     * the same (--duration 100.1 at dt 0.25; --dt 100 --duration 150 ran steps at 0 and 100): refused, as sim run does.
     */
    @Test
    void aDurationThatIsNoWholeNumberOfStepsIsRefused()
    {
        final CommandLineRun run = CommandLineRun.of("neuron", "--duration", "100.1");
        assertEquals(2, run.exitCode(), run.err());
        assertEquals("sim: --duration 100.1 ms is not a whole number of steps of 0.25 ms (preset RS's dt): give " +
            "--duration 100 or 100.25", run.errorLine());
        assertEquals("sim: --duration 150 ms is not a whole number of steps of 100 ms (--dt): give --duration 100 or " +
            "200", CommandLineRun.of("neuron", "--dt", "100", "--duration", "150").errorLine());
        assertEquals(0, CommandLineRun.of("neuron", "--dt", "0.1", "--duration", "100.3", "--json").exitCode());
        // The two whole-step durations in decimal (1000.1999999999999 was offered).
        assertEquals("sim: --duration 1000 ms is not a whole number of steps of 0.3 ms (--dt): give --duration 999.9 " +
            "or 1000.2", CommandLineRun.of("neuron", "--dt", "0.3", "--duration", "1000").errorLine());
    }

    /**
     * --dt was checked against the preset's duration before --duration applied: --dt 200 --duration 400 was refused as
     * exceeding 150 ms, and --dt 1e-9 --duration 1e-8 (10 steps) as 150000000000 steps.
     */
    @Test
    void dtIsCheckedAgainstTheGivenDurationNotThePresets()
    {
        final CommandLineRun longStep = CommandLineRun.of("neuron", "--json", "--dt", "200", "--duration", "400");
        assertEquals(0, longStep.exitCode(), longStep.err());
        assertTrue(longStep.out().contains("\"dt\":200"), longStep.out());
        final CommandLineRun preset2007 = CommandLineRun.of("neuron", "--json", "--preset", "izh2007_rs", "--dt", "600",
            "--duration", "1200");
        assertEquals(0, preset2007.exitCode(), preset2007.err());
        final CommandLineRun tiny = CommandLineRun.of("neuron", "--json", "--dt", "1e-9", "--duration", "1e-8");
        assertEquals(0, tiny.exitCode(), tiny.err());
        assertEquals("sim: --dt (400.0 ms) must not exceed --duration (200.0 ms)",
            CommandLineRun.of("neuron", "--dt", "400", "--duration", "200").errorLine());
    }

    /**
     * --dt 4.9e-324 (a subnormal double) ran 2 steps whose times the figure's axis could not divide: a stack trace
     * from the tick maker, exit 1. A step under a picosecond is refused with one line, nothing written.
     */
    @Test
    void aStepBelowAPicosecondIsRefusedWithOneLine(@TempDir final Path tmp)
    {
        final Path out = tmp.resolve("den");
        final CommandLineRun run = CommandLineRun.of("neuron", "--dt", "4.9e-324", "--duration", "1e-323", "--out",
            out.toString());
        assertEquals(2, run.exitCode(), run.err());
        assertEquals("sim: --dt must be at least 1e-9 ms (a picosecond; a smaller step has times that are rounding " +
            "noise), got 4.9e-324", run.errorLine());
        assertFalse(Files.exists(out));
        final CommandLineRun smallest = CommandLineRun.of("neuron", "--dt", "1e-9", "--duration", "3e-9", "--out",
            out.toString());
        assertEquals(0, smallest.exitCode(), smallest.err());
        assertTrue(Files.exists(out.resolve("neuron.png")));
    }

    /** --offset 1e309 was taken as infinity (a step that never ends) where every other option refuses 1e309. */
    @Test
    void anOffsetBeyondTheDoubleRangeIsRefusedAsEveryOtherNumber()
    {
        assertEquals("sim: --offset is beyond the largest number, +-1.8e308: give a finite one",
            CommandLineRun.of("neuron", "--current", "10", "--offset", "1e309").errorLine());
        assertEquals("sim: --a is beyond the largest number, +-1.8e308: give a finite one",
            CommandLineRun.of("neuron", "--a", "1e309").errorLine());
    }

    /** --v0 1e309 was told to "give --u0, or a smaller --v0", but no --u0 makes an infinite v0 a start. */
    @Test
    void aV0BeyondTheDoubleRangeIsRefusedBeforeItsNullclineStart()
    {
        assertEquals("sim: --v0 must be a finite number of mV, got Infinity",
            CommandLineRun.of("neuron", "--v0", "1e309").errorLine());
        assertEquals("sim: --v0 must be a finite number of mV, got -Infinity",
            CommandLineRun.of("neuron", "--v0", "-1e309", "--u0", "0").errorLine());
    }

    /** A --b whose start on the u-nullcline is infinite was reported as "--u0 must be a finite number". */
    @Test
    void anInfiniteDerivedStartNamesTheOptionThatMadeIt()
    {
        final CommandLineRun run = CommandLineRun.of("neuron", "--json", "--b", "1e308");
        assertEquals(2, run.exitCode(), run.err());
        assertEquals("sim: the start on the u-nullcline at v0 = -63 mV is u0 = -Infinity with --b 1.0E308: give --u0, " +
            "or a smaller --b", run.errorLine());
    }

    /**
     * Pulses as wide as their period tile time, a step: they were reported as 413 of 1000 pulses dropped and 587
     * stretched (only 400 step starts exist in those 100 ms). Pulses more often than dt have no step of their own.
     */
    @Test
    void pulsesThatTileTimeOrComeMoreOftenThanDtAreNotCountedAsPulses() throws IOException
    {
        final Path file = tmp.resolve("tiles.yaml");
        Files.writeString(file, "stimulus:\n" +
            "  - pulse_train: {amplitude: 10, width_ms: 0.1, period_ms: 0.1, count: 1000}\n" +
            "  - pulse_train: {amplitude: 10, width_ms: 0.05, period_ms: 0.1, count: 1000}\n");
        final CommandLineRun run = CommandLineRun.of("neuron", "--stimulus", file.toString(), "--duration", "100",
            "--json");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(List.of("sim: warning: " + file + ":3:5: pulse_train (stimulus item 2): its pulses last 0.05 ms " +
            "every 0.1 ms, less than the time step (dt = 0.25 ms), and the current is taken at each step's start and " +
            "held for the step: the steps see a sample of the train, not its pulses"), run.warnings());
    }

    /**
     * A sine at or above half the step rate was sampled into a slower one (2000 Hz at dt 0.25: zero) without a word;
     * at half the rate its words did not contradict themselves ("changes sign ... (0 at every step start").
     */
    @Test
    void aSineTheStepsCannotFollowIsNamedInAWarning() throws IOException
    {
        final Path file = tmp.resolve("sine.yaml");
        Files.writeString(file, "stimulus:\n  - sine: {amplitude: 10, frequency_hz: 2000}\n" +
            "  - sine: {amplitude: 10, frequency_hz: 3000}\n  - sine: {amplitude: 10, frequency_hz: 1999}\n");
        final CommandLineRun run = CommandLineRun.of("neuron", "--stimulus", file.toString(), "--duration", "100",
            "--json");
        assertEquals(0, run.exitCode(), run.err());
        final String rate = " Hz is at or above half the rate at which the run takes the current (once a step of 0.25 " +
            "ms: 2000 Hz), so the steps see ";
        assertEquals(List.of(
            "sim: warning: " + file + ":2:5: sine (stimulus item 1): 2000" + rate + "a current that changes sign from " +
                "step to step, or is 0 at every step start (phase_deg 0 or 180): lower the frequency or the time step",
            "sim: warning: " + file + ":3:5: sine (stimulus item 2): 3000" + rate + "a sine of 1000 Hz: lower the " +
                "frequency or the time step"), run.warnings());
    }

    /** --current 1e30 fired every step (4000 Hz at dt 0.25, u near 1e28) with no word; 100 is the model's own. */
    @Test
    void aNeuronFiringInEveryStepGetsAWarning()
    {
        final CommandLineRun run = CommandLineRun.of("neuron", "--current", "1e30", "--json");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(List.of("sim: warning: the neuron fired in every step for 601 steps (0 to 150 ms, 4000 Hz): its " +
            "rate there is set by dt, not by the model; the current, a parameter or the start state is beyond the " +
            "model's range"), run.warnings());
        assertEquals(List.of(), CommandLineRun.of("neuron", "--current", "100", "--json").warnings());
    }

    /**
     * A neuron firing in every other step (izh2007_rs with k 1e30: every 0.5 ms at dt 0.25; RS with --current -1e30
     * under euler: 2000 Hz) got no warning, where sim run warns of a population that fires in every other step or
     * more often: sim neuron now warns by the same rule.
     */
    @Test
    void aNeuronFiringInEveryOtherStepGetsAWarningAsAPopulationDoes()
    {
        final CommandLineRun k = CommandLineRun.of("neuron", "--preset", "izh2007_rs", "--k", "1e30", "--json");
        assertEquals(0, k.exitCode(), k.err());
        // First the Euler step's overshoot (v at -1.2e28 mV), then the rate set by dt.
        assertEquals(2, k.warnings().size(), k.err());
        assertTrue(k.warnings().get(0).contains("where the step overshoots the rest point"), k.warnings().get(0));
        assertTrue(k.warnings().get(1).startsWith("sim: warning: the neuron fired in every other step or more often " +
            "for "), k.warnings().get(1));
        assertTrue(k.warnings().get(1).contains("2000 Hz): its rate there is set by dt, not by the model"),
            k.warnings().get(1));
        final CommandLineRun negative = CommandLineRun.of("neuron", "--preset", "RS", "--current", "-1e30", "--method",
            "euler", "--json");
        assertEquals(0, negative.exitCode(), negative.err());
        assertEquals(1, negative.warnings().size(), negative.err());
        assertTrue(negative.warnings().get(0).contains("in every other step or more often"), negative.warnings().get(0));
    }

    static double[] spikeTimes(final String json)
    {
        final Matcher matcher = Pattern.compile("\"spikes_ms\":\\[([^\\]]*)]").matcher(json);
        assertTrue(matcher.find(), json);
        final String list = matcher.group(1);
        if (list.isEmpty())
        {
            return new double[0];
        }
        final String[] parts = list.split(",");
        final double[] times = new double[parts.length];
        for (int i = 0; i < parts.length; i++)
        {
            times[i] = Double.parseDouble(parts[i]);
        }
        return times;
    }

    static String field(final String json, final String key)
    {
        final Matcher matcher = Pattern.compile("\"" + key + "\":([^,}]*)").matcher(json);
        assertTrue(matcher.find(), key + " in " + json);
        return matcher.group(1);
    }
}
