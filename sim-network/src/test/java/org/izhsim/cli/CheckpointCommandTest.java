package org.izhsim.cli;

import org.izhsim.core.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code sim run --save-state / --save-state-every / --resume} end to end through {@link Main#execute}: a run
 * cut in two writes, byte for byte, the spikes of the uncut run; bad options and files end in one line, exit 2.
 */
class CheckpointCommandTest
{
    @TempDir
    Path tmp;

    @Test
    void aSavedAndResumedRunWritesTheSpikesOfTheUncutRun() throws Exception
    {
        final Path whole = run("whole", "--duration", "600", "--threads", "1");
        final Path state = tmp.resolve("small.ckpt");
        final Path first = run("first", "--duration", "300", "--threads", "2", "--save-state", state.toString());
        assertTrue(Files.isRegularFile(state));
        final CommandLineRun resumed = CommandLineRun.of("run", config().toString(), "--out",
            tmp.resolve("second").toString(), "--duration", "300", "--threads", "1", "--resume", state.toString());
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.out().contains("small: resumed from " + state + " at t = 300 ms"), resumed.out());
        final Path second = tmp.resolve("second");

        final List<String> firstSpikes = Files.readAllLines(first.resolve("spikes.csv"));
        final List<String> secondSpikes = Files.readAllLines(second.resolve("spikes.csv"));
        assertTrue(firstSpikes.size() > 100 && secondSpikes.size() > 100, "both halves fire");
        final StringBuilder cut = new StringBuilder(Files.readString(first.resolve("spikes.csv")));
        cut.append(Files.readString(second.resolve("spikes.csv")).substring(secondSpikes.get(0).length() + 1));
        assertArrayEquals(Files.readAllBytes(whole.resolve("spikes.csv")),
            cut.toString().getBytes(StandardCharsets.UTF_8), "spikes.csv of 600 ms = 300 ms + resumed 300 ms");
        assertTrue(Double.parseDouble(secondSpikes.get(1).split(",")[0]) >= 300, "times go on from the saved step");

        final String summary = Files.readString(second.resolve("summary.json"));
        assertTrue(summary.contains("\"first_step\" : 300,"), summary);
        assertTrue(summary.contains("\"resumed_from\" : \"" + state + "\""), summary);
        assertTrue(summary.contains("\"simulated_ms\" : 300"), summary);
        assertTrue(Files.readString(first.resolve("summary.json")).contains("\"first_step\" : 0,"));
        assertFalse(Files.readString(first.resolve("summary.json")).contains("resumed_from"));
        assertTrue(Files.readAllLines(second.resolve("rates.csv")).get(1).startsWith("300,"), "rates from 300 ms");
        assertTrue(Files.readAllLines(second.resolve("traces.csv")).get(1).startsWith("300,0,"), "traces from 300 ms");
    }

    /**
     * A run under --noise-seed 5, cut and resumed without it, went on under the seed's noise (other spikes, no word):
     * the checkpoint records its run's noise seed and the resumed run takes it, saying so.
     */
    @Test
    void aResumedRunGoesOnUnderTheNoiseSeedOfTheCheckpointsRun() throws Exception
    {
        final Path whole = run("whole", "--duration", "400", "--noise-seed", "5");
        final Path state = tmp.resolve("trial5.ckpt");
        final Path first = run("first", "--duration", "200", "--noise-seed", "5", "--save-state", state.toString());
        final CommandLineRun resumed = CommandLineRun.of("run", config().toString(), "--out",
            tmp.resolve("second").toString(), "--duration", "200", "--resume", state.toString());
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.out().contains("small: resuming under the checkpoint's noise seed 5, the noise its run drew " +
            "(--noise-seed S draws other noise from here on)"), resumed.out());
        final String second = Files.readString(tmp.resolve("second").resolve("spikes.csv"));
        assertEquals(Files.readString(whole.resolve("spikes.csv")), Files.readString(first.resolve("spikes.csv")) +
            second.substring(second.indexOf('\n') + 1), "the trial goes on as uncut");
        assertTrue(Files.readString(tmp.resolve("second").resolve("summary.json")).contains("\"noise_seed\" : 5,"));
    }

    /** A noise seed given at the resume that is not the checkpoint's run's draws other noise from there on: said. */
    @Test
    void aResumedRunUnderAnotherNoiseSeedSaysSoAndDrawsOtherNoise() throws Exception
    {
        final Path whole = run("whole", "--duration", "400");
        final Path state = tmp.resolve("plain.ckpt");
        run("first", "--duration", "200", "--save-state", state.toString());
        final CommandLineRun branched = CommandLineRun.of("run", config().toString(), "--out",
            tmp.resolve("branched").toString(), "--duration", "200", "--resume", state.toString(), "--noise-seed", "9");
        assertEquals(0, branched.exitCode(), branched.err());
        assertTrue(branched.out().contains("small: noise seed 9 given; the checkpoint's run drew its inputs with noise " +
            "seed 7: from the resumed step on the inputs draw other noise than that run's"), branched.out());
        final List<String> uncut = Files.readAllLines(whole.resolve("spikes.csv"));
        final List<String> other = Files.readAllLines(tmp.resolve("branched").resolve("spikes.csv"));
        assertFalse(uncut.subList(uncut.size() - other.size() + 1, uncut.size()).equals(other.subList(1, other.size())),
            "other noise, other spikes");
        // The seed's own noise, given as a noise seed: the same trial, nothing to say.
        final CommandLineRun same = CommandLineRun.of("run", config().toString(), "--out",
            tmp.resolve("same").toString(), "--duration", "200", "--resume", state.toString(), "--noise-seed", "7");
        assertEquals(0, same.exitCode(), same.err());
        assertFalse(same.out().contains("noise seed"), same.out());
    }

    /**
     * summary.json named the checkpoint a run continued by its path alone, which a later save replaces (a resumed run
     * may save to the file it read): it gives the file's CRC32C as it was read too, and the run that saved a state
     * gives its file, time and CRC32C.
     */
    @Test
    void aResumedRunRecordsTheChecksumOfTheStateItRead() throws Exception
    {
        final Path state = tmp.resolve("same.ckpt");
        run("first", "--duration", "100", "--save-state", state.toString());
        final byte[] before = Files.readAllBytes(state);
        final String crc = String.format("%08x", java.nio.ByteBuffer.wrap(before, before.length - 4, 4).getInt());
        final Path second = run("second", "--duration", "100", "--resume", state.toString(), "--save-state",
            state.toString());
        assertFalse(Arrays.equals(before, Files.readAllBytes(state)), "the resumed run saved over it");
        assertTrue(Files.readString(second.resolve("summary.json")).contains("\"resumed_from_crc32c\" : \"" + crc + "\""),
            Files.readString(second.resolve("summary.json")));
        // The run that saved it says which state it saved: the two parts are linked by the checksum.
        final String saved = Files.readString(tmp.resolve("first").resolve("summary.json"));
        assertTrue(saved.contains("\"state_saved\" : {\n    \"file\" : \"" + state + "\",\n    \"t_ms\" : 100.0,\n" +
            "    \"crc32c\" : \"" + crc + "\"\n  }"), saved);
        final byte[] after = Files.readAllBytes(state);
        assertTrue(Files.readString(second.resolve("summary.json")).contains("\"crc32c\" : \"" +
            String.format("%08x", java.nio.ByteBuffer.wrap(after, after.length - 4, 4).getInt()) + "\""),
            "the second part's own save");
    }

    /**
     * Continuing a run by its own command plus --resume, without --out, replaced the first part's folder out/NAME
     * (with a warning: its spikes were lost); it writes out/NAME-from-Tms beside it.
     */
    @Test
    void aResumedRunWithoutOutKeepsTheFolderOfTheRunItContinues() throws Exception
    {
        final Path config = tmp.resolve("small.yaml");
        Files.copy(config(), config);
        final Process first = org.izhsim.output.JavaProcess.builder(tmp, Main.class, "run", config.toString(),
            "--duration", "100", "--quiet", "--no-figures", "--save-state", "s.ckpt").redirectErrorStream(true).start();
        final String firstOutput = new String(first.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, first.waitFor(), firstOutput);
        final byte[] firstSpikes = Files.readAllBytes(tmp.resolve("out/small/spikes.csv"));
        final Process second = org.izhsim.output.JavaProcess.builder(tmp, Main.class, "run", config.toString(),
            "--duration", "100", "--quiet", "--no-figures", "--resume", "s.ckpt").redirectErrorStream(true).start();
        final String secondOutput = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, second.waitFor(), secondOutput);
        assertFalse(secondOutput.contains("warning"), secondOutput);
        assertArrayEquals(firstSpikes, Files.readAllBytes(tmp.resolve("out/small/spikes.csv")), "the first part kept");
        assertTrue(Files.readString(tmp.resolve("out/small-from-100ms/summary.json")).contains("\"first_step\" : 100,"));
    }

    /**
     * A --save-state file holding another network's checkpoint was replaced without a word (a spnet2006 state of
     * t = 15 s by a cortex2003 run of 10 ms): refused now, nothing written; this network's state at another time is
     * replaced with a warning; the --resume file itself, as a continued run saves over it, in silence.
     */
    @Test
    void aSaveOverAnotherNetworksCheckpointIsRefusedAndOverAnEarlierStateSaid() throws Exception
    {
        final Path state = tmp.resolve("precious.ckpt");
        run("first", "--duration", "50", "--save-state", state.toString());
        final byte[] kept = Files.readAllBytes(state);
        final CommandLineRun other = CommandLineRun.of("run", config().toString(), "--out", tmp.resolve("other")
            .toString(), "--duration", "10", "--seed", "8", "--save-state", state.toString());
        assertEquals(2, other.exitCode());
        assertEquals("sim: --save-state " + state + " holds the checkpoint of another network (made with seed 7, this " +
            "network has seed 8), which this run's save would replace: name another file, or remove it first\n",
            other.err());
        assertArrayEquals(kept, Files.readAllBytes(state));
        assertFalse(Files.exists(tmp.resolve("other")));

        final CommandLineRun again = CommandLineRun.of("run", config().toString(), "--out", tmp.resolve("again")
            .toString(), "--duration", "10", "--quiet", "--save-state", state.toString());
        assertEquals(0, again.exitCode(), again.err());
        assertEquals("sim: warning: --save-state " + state + " holds a state of this network at t = 50 ms (an earlier " +
            "run's), which this run's first save replaces; name another file to keep it\n", again.err());
        // Other weights pass the plan's comparison: judged again once the network is built (they were warned of as
        // "a state of this network", which --resume then refused).
        final byte[] now = Files.readAllBytes(state);
        final CommandLineRun weights = CommandLineRun.of("run", config().toString(), "--out", tmp.resolve("weights")
            .toString(), "--duration", "10", "--quiet", "--set", "projections.#1.weight=0.1", "--save-state",
            state.toString());
        assertEquals(2, weights.exitCode(), weights.err());
        assertEquals("sim: --save-state " + state + " holds the checkpoint of another network (made with other synapses " +
            "from 'exc' (their targets, delays or weights) than this network), which this run's save would replace: " +
            "name another file, or remove it first\n", weights.err());
        assertArrayEquals(now, Files.readAllBytes(state));
        assertFalse(Files.exists(tmp.resolve("weights")));
        // A checkpoint cut short, in its state or in its header, is said as such (it was "a state of this network", or
        // nothing at all).
        final Path cut = tmp.resolve("cut.ckpt");
        Files.write(cut, Arrays.copyOf(now, 3000));
        final CommandLineRun shortState = CommandLineRun.of("run", config().toString(), "--out", tmp.resolve("cut")
            .toString(), "--duration", "10", "--quiet", "--save-state", cut.toString());
        assertEquals(0, shortState.exitCode(), shortState.err());
        assertTrue(shortState.err().contains("holds a state of this network at t = 10 ms (an earlier run's, cut short: "),
            shortState.err());
        Files.write(cut, Arrays.copyOf(now, 60));
        final CommandLineRun shortHeader = CommandLineRun.of("run", config().toString(), "--out", tmp.resolve("cut2")
            .toString(), "--duration", "10", "--quiet", "--save-state", cut.toString());
        assertEquals(0, shortHeader.exitCode(), shortHeader.err());
        assertEquals("sim: warning: --save-state " + cut + " holds an izhsim checkpoint whose header cannot be read (cut " +
            "short or damaged), which this run's first save replaces; name another file to keep it\n",
            shortHeader.err());
        final CommandLineRun continued = CommandLineRun.of("run", config().toString(), "--out", tmp.resolve("continued")
            .toString(), "--duration", "10", "--quiet", "--resume", state.toString(), "--save-state", state.toString());
        assertEquals(0, continued.exitCode(), continued.err());
        assertEquals("", continued.err());
    }

    /**
     * A --save-state on a disk too small for the state ran to its end and then said "the state was not saved": refused
     * once the network is built (its state's size is the network's), before the run, nothing written.
     */
    @Test
    void aSaveStateOnADiskTooSmallForTheStateIsRefusedBeforeTheRun() throws Exception
    {
        final Path small = tmp.resolve("small-disk");
        Files.createDirectories(small);
        // small.yaml: 200 neurons, delays up to 5 ms, the arrival ring: 8 x 200 + 4 x 5 x 200 bytes and more.
        RunCommand.usableSpace = folder -> folder.startsWith(small) ? 5_000 : -1;
        try
        {
            final CommandLineRun refused = CommandLineRun.of("run", config().toString(), "--out",
                tmp.resolve("never").toString(), "--duration", "10", "--save-state", small.resolve("s.ckpt").toString());
            assertEquals(2, refused.exitCode(), refused.err());
            assertTrue(refused.err().startsWith("sim: --save-state " + small.resolve("s.ckpt") + ": its disk has 5 kB " +
                "free, less than the state of this network takes ("), refused.err());
            // From the plan, before the build (a sparse1m-sized build took a minute before the refusal).
            assertFalse(refused.out().contains(": built "), refused.out());
            assertFalse(Files.exists(tmp.resolve("never")));
            try (Stream<Path> files = Files.list(small))
            {
                assertEquals(0, files.count(), "nothing left on the small disk");
            }
            // A state of this network in the file: the refusal alone, not first "this run's first save replaces it".
            final Path earlier = tmp.resolve("earlier.ckpt");
            RunCommand.usableSpace = folder -> -1;
            run("earlier", "--duration", "20", "--save-state", earlier.toString());
            RunCommand.usableSpace = folder -> folder.equals(tmp) ? 5_000 : -1;
            final CommandLineRun held = CommandLineRun.of("run", config().toString(), "--out",
                tmp.resolve("never2").toString(), "--duration", "10", "--save-state", earlier.toString());
            assertEquals(2, held.exitCode(), held.err());
            assertEquals(1, held.err().lines().count(), held.err());
            assertTrue(held.err().startsWith("sim: --save-state " + earlier + ": its disk has 5 kB free"), held.err());
        }
        finally
        {
            RunCommand.usableSpace = org.izhsim.service.DiskCheck::usableSpace;
        }
    }

    /**
     * A checkpoint disk that stayed full printed one warning per periodic save, 186 lines over the run's outputs: the
     * first failure is said in full, the same failure again is counted, and the count is said when a save succeeds,
     * another failure comes, or the run ends.
     */
    @Test
    void repeatedSaveFailuresAreCountedNotRepeated() throws Exception
    {
        final Path state = tmp.resolve("full.ckpt");
        RunCommand.stateSave = (network, file) ->
        {
            final long t = network.currentStep();
            if (t == 10)
            {
                // Refused because the exit has begun (a second signal): the exit says what was not saved, and "the
                // run goes on and tries again" came after "stopped before the outputs were written".
                throw new InputException("cannot write checkpoint " + file + ": the process is exiting");
            }
            if (t >= 20 && t <= 50 || t >= 70)
            {
                throw new InputException("cannot write checkpoint " + file + ": No space left on device");
            }
            network.saveState(file);
        };
        try
        {
            final CommandLineRun run = CommandLineRun.of("run", config().toString(), "--out", tmp.resolve("o")
                .toString(), "--quiet", "--duration", "100", "--save-state", state.toString(), "--save-state-every",
                "10");
            final String failed = "the run goes on and tries again at the next checkpoint (the same failure again is " +
                "counted, not repeated)";
            final List<String> lines = run.err().lines().toList();
            assertEquals(List.of(
                "sim: warning: the state at t = 20 ms was not saved (cannot write checkpoint " + state + ": No space " +
                    "left on device); " + failed,
                "sim: warning: 3 more saves failed in the same way, the last at t = 50 ms",
                "sim: warning: the state at t = 70 ms was not saved (cannot write checkpoint " + state + ": No space " +
                    "left on device); " + failed,
                "sim: warning: 2 more saves failed in the same way, the last at t = 90 ms"),
                lines.subList(0, 4), run.err());
            assertTrue(Files.isRegularFile(state));
        }
        finally
        {
            RunCommand.stateSave = org.izhsim.network.engine.Network::saveState;
        }
    }

    /**
     * When every save of a run failed, the end line said what failed and not that the file still held the earlier
     * run's state: it says so, with that state's time.
     */
    @Test
    void aRunWhoseSavesAllFailedSaysTheFileKeepsTheEarlierRunsState() throws Exception
    {
        final Path state = tmp.resolve("kept.ckpt");
        run("earlier", "--duration", "50", "--save-state", state.toString());
        final byte[] kept = Files.readAllBytes(state);
        RunCommand.stateSave = (network, file) ->
        {
            throw new InputException("cannot write checkpoint " + file + ": No space left on device");
        };
        try
        {
            final CommandLineRun run = CommandLineRun.of("run", config().toString(), "--out", tmp.resolve("o")
                .toString(), "--quiet", "--duration", "30", "--save-state", state.toString(), "--save-state-every",
                "10");
            assertEquals(1, run.exitCode(), run.err());
            final List<String> lines = run.err().lines().toList();
            assertEquals("sim: the outputs are in " + tmp.resolve("o") + ", but the state was not saved: cannot write " +
                "checkpoint " + state + ": No space left on device; " + state + " keeps an earlier run's state, at " +
                "t = 50 ms", lines.get(lines.size() - 1), run.err());
            assertArrayEquals(kept, Files.readAllBytes(state));
        }
        finally
        {
            RunCommand.stateSave = org.izhsim.network.engine.Network::saveState;
        }
    }

    /**
     * The line of a final save that failed said only what failed, not what the file keeps: the state this run saved
     * last, when the file still holds it (its CRC32C the one saved), and nothing when another file took its place.
     */
    @Test
    void aFailedFinalSaveSaysWhichStateTheFileKeeps() throws Exception
    {
        final Path file = tmp.resolve("s.ckpt");
        Files.write(file, new byte[] {9, 9, 9, 1, 2, 3, 4});
        assertEquals("; " + file + " keeps the state at t = 1500 ms, saved before",
            RunCommand.keptNote(file, 1500, 0x01020304L, 1.0));
        assertEquals("", RunCommand.keptNote(file, 1500, 0x01020305L, 1.0), "another state is there now");
        assertEquals("", RunCommand.keptNote(file, -1, -1, 1.0), "none saved");
        assertEquals("", RunCommand.keptNote(tmp.resolve("gone.ckpt"), 1500, 0x01020304L, 1.0));
    }

    /**
     * A resumed state whose u is 1e30 (the file's checks bound no u) blew up in its first step, and the line blamed
     * the input and the parameters alone: it names the state resumed from too.
     */
    @Test
    void aBlowUpRightAfterAResumeNamesTheStateItResumedFrom() throws Exception
    {
        final Path state = tmp.resolve("s.ckpt");
        run("first", "--duration", "50", "--save-state", state.toString());
        final byte[] bytes = Files.readAllBytes(state);
        int at = -1;
        for (int k = 0; k + 4 <= bytes.length && at < 0; k++)
        {
            at = bytes[k] == 'N' && bytes[k + 1] == 'E' && bytes[k + 2] == 'U' && bytes[k + 3] == 'R' ? k : -1;
        }
        // NEUR, its length, v of the 200 neurons, then u: neuron 0's u to 1e30, the file's checksum made again.
        final java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes);
        buffer.putFloat(at + 4 + 8 + 4 * 200, 1e30f);
        final java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        buffer.putInt(bytes.length - 4, (int)crc.getValue());
        Files.write(state, bytes);
        final CommandLineRun resumed = CommandLineRun.of("run", config().toString(), "--out",
            tmp.resolve("resumed").toString(), "--duration", "50", "--quiet", "--resume", state.toString());
        assertEquals(3, resumed.exitCode(), resumed.err());
        assertTrue(resumed.err().startsWith("sim: numerical blow-up at t = 50 ms: neuron 0 (exc[0]) ") &&
            resumed.err().contains("; or the state this run resumed from " + state + " at t = 50 ms; wrote the " +
            "outputs up to t = "), resumed.err());
    }

    /**
     * sim validate --resume: whether a checkpoint can be resumed with an edited file, without starting the run (the
     * only way to learn it was to start it); a refusal is sim run's one line, by header before the build and by
     * neuron parameters, synapses and checksum after it (those passed validate and were refused by run).
     */
    @Test
    void validateTellsWhetherACheckpointCanBeResumed() throws Exception
    {
        final Path state = tmp.resolve("v.ckpt");
        run("first", "--duration", "40", "--noise-seed", "5", "--save-state", state.toString());
        final CommandLineRun fits = CommandLineRun.of("validate", config().toString(), "--resume", state.toString());
        assertEquals(0, fits.exitCode(), fits.err());
        assertTrue(fits.out().endsWith("  --resume " + state + ": a state of this network at t = 40 ms, made under " +
            "noise seed 5 (the run would go on under it) (the network built and the state read: its neuron " +
            "parameters, synapses and checksum agree)\n"), fits.out());
        final CommandLineRun other = CommandLineRun.of("validate", config().toString(), "--resume", state.toString(),
            "--seed", "8");
        assertEquals(2, other.exitCode());
        assertEquals("", other.out(), "nothing but the refusal");
        assertEquals("sim: --resume checkpoint " + state + " was made with seed 7, this network has seed 8\n",
            other.err());
        for (final String[] edit : new String[][] {{"populations.inh.params.d=3", "other neuron models or parameters"},
            {"projections.#1.weight=0.4", "other synapses"}})
        {
            final CommandLineRun edited = CommandLineRun.of("validate", config().toString(), "--resume",
                state.toString(), "--set", edit[0]);
            assertEquals(2, edited.exitCode(), edit[0]);
            assertEquals("", edited.out(), "nothing but the refusal");
            assertTrue(edited.errorLine().startsWith("sim: --resume checkpoint " + state + " was made with " + edit[1]),
                edited.err());
        }
        final byte[] bytes = Files.readAllBytes(state);
        bytes[bytes.length * 3 / 4] ^= 1;
        final Path flipped = Files.write(tmp.resolve("flipped.ckpt"), bytes);
        final CommandLineRun corrupt = CommandLineRun.of("validate", config().toString(), "--resume",
            flipped.toString());
        assertEquals(2, corrupt.exitCode());
        assertEquals("sim: --resume checkpoint " + flipped + " is corrupt: its checksum does not match", corrupt.errorLine());
    }

    /**
     * Under a heap too small for the network, validate --resume refuses with run --resume's line, the checkpoint's
     * size counted (the second tester: validate's line left it out and asked for a megabyte less).
     */
    @Test
    void validateAndRunRefuseASmallHeapWithOneLine() throws Exception
    {
        final Path state = tmp.resolve("heap.ckpt");
        run("heap", "--duration", "40", "--save-state", state.toString());
        final String[] lines = new String[2];
        int k = 0;
        for (final String command : new String[] {"validate", "run"})
        {
            final ProcessBuilder builder = org.izhsim.output.JavaProcess.builder(tmp, Main.class, command,
                config().toString(), "--resume", state.toString(), "--out", tmp.resolve("never").toString());
            if (command.equals("validate"))
            {
                builder.command().removeAll(List.of("--out", tmp.resolve("never").toString()));
            }
            builder.command().add(1, "-Xmx16m");
            final CommandLineRun refused = CommandLineRun.of(builder.start());
            assertEquals(2, refused.exitCode(), refused.err());
            lines[k++] = refused.errorLine();
        }
        assertTrue(lines[0].contains("while the --resume checkpoint is read"), lines[0]);
        assertEquals(lines[1], lines[0]);
        assertFalse(Files.exists(tmp.resolve("never")));
    }

    /**
     * A --save-state file holding a checkpoint of a later izhsim's format (the tester's: version 10, otherwise intact)
     * was replaced after a warning that called it "cut short or damaged": whose network it holds cannot be told, so it
     * is refused as another network's is, nothing written; so is one of a version far beyond (damaged, or far later).
     * A version below 1 is no izhsim's: damaged, and replaced with that warning as before.
     */
    @Test
    void aSaveOntoALaterIzhsimsCheckpointIsRefused() throws Exception
    {
        final Path state = tmp.resolve("t.ckpt");
        run("first", "--duration", "20", "--save-state", state.toString());
        final byte[] bytes = Files.readAllBytes(state);
        final String reads = " (this one reads versions 1 to ";
        final String[][] cases = {{"99", "a later izhsim's format 99" + reads}, {"1000", "format 1000, a damaged " +
            "file's or a far later izhsim's" + reads}};
        for (final String[] c : cases)
        {
            java.nio.ByteBuffer.wrap(bytes).putInt(8, Integer.parseInt(c[0]));
            final Path later = Files.write(tmp.resolve("v" + c[0] + ".ckpt"), bytes);
            final CommandLineRun refused = CommandLineRun.of("run", config().toString(), "--out", tmp.resolve("never")
                .toString(), "--duration", "10", "--quiet", "--save-state", later.toString());
            assertEquals(2, refused.exitCode(), refused.err());
            assertTrue(refused.err().matches(java.util.regex.Pattern.quote("sim: --save-state " + later + " holds a " +
                "checkpoint of " + c[1]) + "\\d+" + java.util.regex.Pattern.quote("), which this run cannot tell is " +
                "of this network: name another file, or remove it first") + "\n"), refused.err());
            assertArrayEquals(bytes, Files.readAllBytes(later), "kept as it was");
            assertFalse(Files.exists(tmp.resolve("never")));
        }
        java.nio.ByteBuffer.wrap(bytes).putInt(8, 0);
        final Path damaged = Files.write(tmp.resolve("v0.ckpt"), bytes);
        final CommandLineRun replaced = CommandLineRun.of("run", config().toString(), "--out", tmp.resolve("saved")
            .toString(), "--duration", "10", "--quiet", "--save-state", damaged.toString());
        assertEquals(0, replaced.exitCode(), replaced.err());
        assertEquals("sim: warning: --save-state " + damaged + " holds an izhsim checkpoint whose header cannot be " +
            "read (cut short or damaged), which this run's first save replaces; name another file to keep it\n",
            replaced.err());
    }

    /**
     * A checkpoint with a damaged population count (two header words: 2^31 - 1 neurons, 2^31 - 16 populations) took
     * 20 s and 8.5 GB of memory before run and validate --resume said "is corrupt", and under a small heap ended in the
     * advice to give Java more heap (exit 1); a --save-state onto it did the same before its warning. Now refused at
     * once in one line, exit 2, whatever the heap; a save onto it replaces it with the warning any damaged header gets.
     */
    @Test
    void aCheckpointWithADamagedPopulationCountIsRefusedAtOnce() throws Exception
    {
        final Path state = tmp.resolve("t.ckpt");
        run("first", "--duration", "20", "--save-state", state.toString());
        final byte[] bytes = Files.readAllBytes(state);
        java.nio.ByteBuffer.wrap(bytes).putInt(28, 0x7fffffff).putInt(32, 0x7ffffff0);
        final Path damaged = Files.write(tmp.resolve("bigpop.ckpt"), bytes);
        final String line = "sim: --resume checkpoint " + damaged + " is corrupt: 2147483632 populations in its " +
            "header, more than the file's remaining " + (bytes.length - 36) + " bytes can hold";
        assertEquals(line, failure("--out", tmp.resolve("never").toString(), "--resume", damaged.toString()));
        final CommandLineRun validate = CommandLineRun.of("validate", config().toString(), "--resume",
            damaged.toString());
        assertEquals(2, validate.exitCode(), validate.err());
        assertEquals(line, validate.errorLine());
        final ProcessBuilder small = org.izhsim.output.JavaProcess.builder(tmp, Main.class, "run", config().toString(),
            "--quiet", "--resume", damaged.toString(), "--out", tmp.resolve("never").toString());
        small.command().add(1, "-Xmx32m");
        final CommandLineRun smallHeap = CommandLineRun.of(small.start());
        assertEquals(2, smallHeap.exitCode(), smallHeap.err());
        assertEquals(line, smallHeap.errorLine());
        assertFalse(Files.exists(tmp.resolve("never")));

        final CommandLineRun save = CommandLineRun.of("run", config().toString(), "--out", tmp.resolve("saved")
            .toString(), "--duration", "10", "--quiet", "--save-state", damaged.toString());
        assertEquals(0, save.exitCode(), save.err());
        assertEquals("sim: warning: --save-state " + damaged + " holds an izhsim checkpoint whose header cannot be " +
            "read (cut short or damaged), which this run's first save replaces; name another file to keep it\n",
            save.err());
    }

    /** A checkpoint refused for other synapses names the files the config reads synapses from. */
    @Test
    void aResumeRefusedForOtherSynapsesNamesTheConnectionsFiles() throws Exception
    {
        final Path csv = Files.writeString(tmp.resolve("c.csv"), "source,target,delay_ms,weight\n0,3,1,10\n1,4,2,10.5\n");
        final Path yaml = Files.writeString(tmp.resolve("net.yaml"), "name: net\nduration_ms: 50\npopulations:\n" +
            "  a: {size: 3, params: RS, input: {dc: 12}}\n  b: {size: 2, params: RS}\nprojections:\n" +
            "  - {from: a, to: b, connections: c.csv}\n");
        final Path state = tmp.resolve("net.ckpt");
        final CommandLineRun saved = CommandLineRun.of("run", yaml.toString(), "--out", tmp.resolve("o").toString(),
            "--quiet", "--save-state", state.toString());
        assertEquals(0, saved.exitCode(), saved.err());
        Files.writeString(csv, "source,target,delay_ms,weight\n0,3,1,10\n1,4,2,11\n");
        for (final String command : new String[] {"validate", "run"})
        {
            final CommandLineRun refused = command.equals("run") ? CommandLineRun.of("run", yaml.toString(), "--out",
                tmp.resolve("o2").toString(), "--resume", state.toString()) :
                CommandLineRun.of("validate", yaml.toString(), "--resume", state.toString());
            assertEquals(2, refused.exitCode(), refused.err());
            assertEquals("sim: --resume checkpoint " + state + " was made with other synapses from 'a' (their " +
                "targets, delays or weights) than this network (synapses read from files: 'a->b' from " + csv + ")",
                refused.errorLine());
        }
    }

    @Test
    void periodicCheckpointsChangeNoSpikeAndLeaveTheLastState() throws Exception
    {
        final Path whole = run("whole", "--duration", "600", "--threads", "2");
        final Path state = tmp.resolve("every.ckpt");
        final CommandLineRun chunked = CommandLineRun.of("run", config().toString(), "--out",
            tmp.resolve("chunked").toString(), "--duration", "600", "--threads", "1", "--quiet",
            "--save-state", state.toString(), "--save-state-every", "70");
        assertEquals(0, chunked.exitCode(), chunked.err());
        assertArrayEquals(Files.readAllBytes(whole.resolve("spikes.csv")),
            Files.readAllBytes(tmp.resolve("chunked").resolve("spikes.csv")));
        assertArrayEquals(Files.readAllBytes(whole.resolve("spike_ids.npy")),
            Files.readAllBytes(tmp.resolve("chunked").resolve("spike_ids.npy")));
        assertArrayEquals(Files.readAllBytes(whole.resolve("traces.csv")),
            Files.readAllBytes(tmp.resolve("chunked").resolve("traces.csv")));
        try (Stream<Path> files = Files.list(tmp))
        {
            assertEquals(List.of("chunked", "every.ckpt", "whole"),
                files.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary checkpoint is left");
        }
        final Path resumed = run("resumed", "--duration", "10", "--resume", state.toString());
        assertTrue(Files.readString(resumed.resolve("summary.json")).contains("\"first_step\" : 600,"));
        // Not quiet: the checkpoints' time is said beside the simulation's (it was left out of every figure).
        final CommandLineRun told = CommandLineRun.of("run", config().toString(), "--out",
            tmp.resolve("told").toString(), "--duration", "300", "--threads", "1",
            "--save-state", tmp.resolve("told.ckpt").toString(), "--save-state-every", "70");
        assertEquals(0, told.exitCode(), told.err());
        assertTrue(told.out().contains("  besides the simulation, its 4 periodic checkpoints took "), told.out());
    }

    @Test
    void badCheckpointOptionsEndInOneLineAndBuildNothing() throws Exception
    {
        final Path out = tmp.resolve("out");
        for (final String every : new String[] {"0", "-3", "1.5", "abc", "99999999999"})
        {
            assertEquals("sim: --save-state-every must be a positive whole number of ms, at most 2147483647, got '" +
                every + "'",
                failure("--out", out.toString(), "--save-state", tmp.resolve("s.ckpt").toString(),
                    "--save-state-every", every));
        }
        assertEquals("sim: --save-state-every needs --save-state FILE, the file it writes",
            failure("--out", out.toString(), "--save-state-every", "100"));
        final Path missing = tmp.resolve("missing.ckpt");
        assertEquals("sim: --resume " + missing + ": no such file",
            failure("--out", out.toString(), "--resume", missing.toString()));
        // /dev/null was "no such file", '' (the working folder) "a folder".
        assertEquals("sim: --resume /dev/null: is a device, not a regular file",
            failure("--out", out.toString(), "--resume", "/dev/null"));
        assertEquals("sim: --resume '': give the checkpoint file's name", failure("--out", out.toString(), "--resume", ""));
        // A --save-state that is a device was "not an izhsim checkpoint ... choose another name or remove it".
        assertEquals("sim: --save-state /dev/null: it is a device, not a regular file: name a file",
            failure("--out", out.toString(), "--save-state", "/dev/null"));

        final Path canary = tmp.resolve("notes.txt");
        Files.writeString(canary, "my notes\n");
        assertEquals("sim: --save-state " + canary + ": the file exists and is not an izhsim checkpoint, " +
            "so it is left alone (choose another name or remove it)",
            failure("--out", out.toString(), "--save-state", canary.toString()));
        assertEquals("my notes\n", Files.readString(canary));
        assertEquals("sim: --resume " + canary + " is not an izhsim checkpoint",
            failure("--out", out.toString(), "--resume", canary.toString()));
        assertFalse(Files.exists(out), "nothing is written for a refused command");
    }

    /**
     * A checkpoint inside the output folder was saved after the whole run and then made the folder's commit
     * refuse it (a file the folder's marker does not list): every output was lost. Refused before the run now.
     */
    @Test
    void aCheckpointInsideTheOutputFolderIsRefusedBeforeTheRun() throws Exception
    {
        final Path out = tmp.resolve("out");
        final Path inside = out.resolve("s.ckpt");
        assertEquals("sim: --save-state " + inside + " is inside the output folder " + out + ", which the run writes " +
            "as a whole: keep the checkpoint outside it (for example next to it)",
            failure("--out", out.toString(), "--save-state", inside.toString()));
        assertFalse(Files.exists(out), "nothing is written for a refused command");
        // Also through a symbolic link to the output folder, and for --resume.
        final Path link = Files.createSymbolicLink(tmp.resolve("link"), Files.createDirectories(tmp.resolve("real")));
        final Path viaLink = link.resolve("s.ckpt");
        assertEquals("sim: --save-state " + viaLink + " is inside the output folder " + tmp.resolve("real") +
            ", which the run writes as a whole: keep the checkpoint outside it (for example next to it)",
            failure("--out", tmp.resolve("real").toString(), "--save-state", viaLink.toString()));
        final Path state = tmp.resolve("state.ckpt");
        run("first", "--duration", "20", "--save-state", state.toString());
        final Path copied = Files.copy(state, tmp.resolve("first").resolve("state.ckpt"));
        assertTrue(failure("--out", tmp.resolve("first").toString(), "--resume", copied.toString())
            .startsWith("sim: --resume " + copied + " is inside the output folder "));
    }

    /**
     * A --save-state that is a symbolic link (to a checkpoint, or dangling) was replaced by a file: the user's link
     * was gone and the file it named kept the old state. Refused before the run, the link and its file unchanged.
     */
    @Test
    void aCheckpointThatIsASymbolicLinkIsNotReplaced() throws Exception
    {
        final Path out = tmp.resolve("out");
        final Path state = Files.createDirectories(tmp.resolve("scratch")).resolve("run.ckpt");
        run("first", "--duration", "20", "--save-state", state.toString());
        final byte[] saved = Files.readAllBytes(state);
        final Path latest = Files.createSymbolicLink(tmp.resolve("latest.ckpt"), state);
        final Path dangling = Files.createSymbolicLink(tmp.resolve("dangling.ckpt"), tmp.resolve("nothing.ckpt"));
        for (final Path link : new Path[] {latest, dangling})
        {
            assertEquals("sim: --save-state " + link + ": it is a symbolic link to '" + Files.readSymbolicLink(link) +
                "', which the save would " +
                "replace by a file (the file it names would keep the old state): name that file itself",
                failure("--out", out.toString(), "--resume", state.toString(), "--save-state", link.toString()));
            assertTrue(Files.isSymbolicLink(link), "the link is kept");
        }
        assertTrue(java.util.Arrays.equals(saved, Files.readAllBytes(state)), "the checkpoint is unchanged");
        assertFalse(Files.exists(out), "nothing is written for a refused command");
        final Path resumed = run("resumed", "--duration", "10", "--resume", latest.toString(), "--save-state",
            state.toString());
        assertTrue(Files.readString(resumed.resolve("summary.json")).contains("\"first_step\" : 20,"), "a link is read");
    }

    /**
     * Two runs saving to one checkpoint file at once each replaced the other's state, and only the later one's was
     * left, without a word. A run claims its file for its whole length (an empty partial file of its process): a
     * run that finds another live process's claim is refused before anything is built; a dead one's is swept.
     */
    @Test
    void aCheckpointFileAnotherLiveRunSavesToIsRefused() throws Exception
    {
        final Path state = tmp.resolve("same.ckpt");
        final Process other = new ProcessBuilder("sleep", "60").start();
        final Path claim = tmp.resolve(".same.ckpt." + other.pid() + "-1-" +
            org.izhsim.core.ProcessOwner.thisProcess().tag() + ".partial");
        try
        {
            Files.createFile(claim);
            final Path out = tmp.resolve("out");
            assertEquals("sim: --save-state " + state + ": another run (process " + other.pid() +
                ") saves its state there now (" + claim.getFileName() + "); give this run another --save-state, " +
                "or delete that file if no such run is running",
                failure("--out", out.toString(), "--save-state", state.toString()));
            assertFalse(Files.exists(out), "nothing is written for a refused command");
        }
        finally
        {
            other.destroyForcibly().waitFor();
        }
        run("after", "--duration", "10", "--save-state", state.toString());
        assertEquals("IZHSIMST", new String(Arrays.copyOf(Files.readAllBytes(state), 8), StandardCharsets.US_ASCII));
        try (Stream<Path> left = Files.list(tmp))
        {
            assertFalse(left.anyMatch(p -> p.getFileName().toString().endsWith(".partial")),
                "the dead run's claim is swept and the run's own is gone");
        }
    }

    /** A save target whose folder takes no file was found only after the run, and the outputs were lost with it. */
    @Test
    void aCheckpointFolderThatTakesNoFileIsRefusedBeforeTheRun() throws Exception
    {
        final Path out = tmp.resolve("out");
        final Path notes = Files.writeString(tmp.resolve("notes.txt"), "my notes\n");
        assertEquals("sim: --save-state " + notes.resolve("s.ckpt") + ": " + notes +
            " is a file, not a folder", failure("--out", out.toString(), "--save-state", notes.resolve("s.ckpt").toString()));
        final Path proc = Path.of("/proc");
        if (Files.isDirectory(proc.resolve("self")))
        {
            // procfs takes no new file, not even from root. Said as --out /proc is told: it named the probe's hidden
            // file ("no file can be created in /proc (no such file or folder /proc/.s.ckpt.11734-...partial)").
            assertEquals("sim: --save-state '/proc/x/s.ckpt' is on a file system that holds no files ('proc' at " +
                "/proc, size 0): name a folder on a disk",
                failure("--out", out.toString(), "--save-state", proc.resolve("x/s.ckpt").toString()));
        }
        assertFalse(Files.exists(out), "nothing is written for a refused command");
        assertEquals("my notes\n", Files.readString(notes));
        try (Stream<Path> left = Files.list(tmp))
        {
            assertEquals(List.of("notes.txt"), left.map(p -> p.getFileName().toString()).toList(), "no probe left");
        }
    }

    /** A --save-state through a symbolic link to nothing gave the link's bare path as the reason. */
    @Test
    void aSaveStateThroughASymbolicLinkToNothingSaysSo() throws Exception
    {
        final Path link = Files.createSymbolicLink(tmp.resolve("dl"), tmp.resolve("nowhere"));
        assertEquals("sim: --save-state " + link.resolve("x.ckpt") + ": '" + link + "' is a symbolic link to '" +
            tmp.resolve("nowhere") + "', which does not exist", failure("--out", tmp.resolve("o").toString(),
                "--save-state", link.resolve("x.ckpt").toString()));
        assertFalse(Files.exists(tmp.resolve("o")), "nothing written");
    }

    @Test
    void resumingWithAnotherSeedOrADamagedFileEndsInOneLine() throws Exception
    {
        final Path state = tmp.resolve("small.ckpt");
        run("first", "--duration", "50", "--save-state", state.toString());
        assertEquals("sim: --resume checkpoint " + state + " was made with seed 7, this network has seed 8",
            failure("--out", tmp.resolve("other").toString(), "--resume", state.toString(), "--seed", "8"));

        final byte[] bytes = Files.readAllBytes(state);
        Files.write(state, Arrays.copyOf(bytes, bytes.length - 100));
        assertEquals("sim: --resume checkpoint " + state + " is truncated: it ends before its checksum",
            failure("--out", tmp.resolve("other").toString(), "--resume", state.toString()));
        bytes[bytes.length - 100] ^= 1;
        Files.write(state, bytes);
        assertEquals("sim: --resume checkpoint " + state + " is corrupt: its checksum does not match",
            failure("--out", tmp.resolve("other").toString(), "--resume", state.toString()));
        assertFalse(Files.exists(tmp.resolve("other")), "no output folder for a refused resume");
    }

    /**
     * A checkpoint cut past its header is found after the build: the run into an earlier output's folder said first that
     * it would replace those outputs, then refused (a tester counted five lines; nothing was replaced). The warning now
     * comes once the state is restored, just before the run.
     */
    @Test
    void aRefusedCheckpointIntoAnEarlierOutputWarnsOfNoReplacement() throws Exception
    {
        final Path state = tmp.resolve("cut.ckpt");
        final Path earlier = run("earlier", "--duration", "50", "--save-state", state.toString());
        final byte[] bytes = Files.readAllBytes(state);
        Files.write(state, Arrays.copyOf(bytes, bytes.length - 100));
        final CommandLineRun refused = CommandLineRun.of("run", config().toString(), "--out", earlier.toString(),
            "--resume", state.toString(), "--duration", "50");
        assertEquals(2, refused.exitCode(), refused.err());
        assertEquals("sim: --resume checkpoint " + state + " is truncated: it ends before its checksum",
            refused.errorLine());
        assertEquals(List.of(), refused.warnings(), "no replacement is announced for a run that never starts");
        Files.write(state, bytes);
        final CommandLineRun resumed = CommandLineRun.of("run", config().toString(), "--out", earlier.toString(),
            "--resume", state.toString(), "--duration", "50");
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.warnings().stream().anyMatch(w -> w.startsWith("sim: warning: " + earlier + " holds the " +
            "outputs of an earlier run")), resumed.err());
    }

    /** A resume whose run would pass the last step said "runs longer than 2147483647 steps ...", naming neither. */
    @Test
    void aResumePastTheLastStepNamesTheDurationAndTheCheckpoint() throws Exception
    {
        final Path state = tmp.resolve("c.ckpt");
        final String cortex = Path.of("..", "configs", "cortex2003.yaml").toString();
        final CommandLineRun first = CommandLineRun.of("run", cortex, "--duration", "50", "--out",
            tmp.resolve("c").toString(), "--quiet", "--save-state", state.toString());
        assertEquals(0, first.exitCode(), first.err());
        final CommandLineRun resumed = CommandLineRun.of("run", cortex, "--duration", "2147483647", "--out",
            tmp.resolve("d").toString(), "--quiet", "--resume", state.toString());
        assertEquals(2, resumed.exitCode(), resumed.err());
        assertEquals("sim: --duration 2147483647 ms from " + state + "'s t = 50 ms would end after step 2147483647, " +
            "the last a run can reach (24.8 days of 1 ms steps)", resumed.errorLine());
        assertFalse(Files.exists(tmp.resolve("d")), "no output folder for a refused resume");
    }

    /**
     * A checkpoint of a plastic network resumed without its plasticity (or the other way round, or with dopamine
     * added) says that, not the spike delivery that changed with it ("spike delivery DELAY_ROWS, this network has
     * ARRIVAL_RING").
     */
    @Test
    void resumingWithThePlasticityTakenOutOrAddedSaysSo() throws Exception
    {
        final String plastic = Files.readString(Path.of("../configs/spnet2006.yaml"));
        final String line = "    plasticity: {rule: spnet2006, w_max: 10}\n";
        assertTrue(plastic.contains(line), "the shipped file moved");
        final Path withPlasticity = tmp.resolve("spnet.yaml");
        final Path without = tmp.resolve("fixed.yaml");
        Files.writeString(withPlasticity, plastic);
        // Without its plasticity the file's weight snapshots are an error of their own.
        assertTrue(plastic.contains("  weights_every_ms: 10000\n"), "the shipped file moved");
        Files.writeString(without, plastic.replace(line, "").replace("  weights_every_ms: 10000\n", ""));
        final Path plasticState = tmp.resolve("plastic.ckpt");
        final Path fixedState = tmp.resolve("fixed.ckpt");
        for (final String[] args : new String[][] {
            {"run", withPlasticity.toString(), "--duration", "50", "--out", tmp.resolve("a").toString(), "--quiet",
                "--save-state", plasticState.toString()},
            {"run", without.toString(), "--duration", "50", "--out", tmp.resolve("b").toString(), "--quiet",
                "--save-state", fixedState.toString()}})
        {
            final CommandLineRun saved = CommandLineRun.of(args);
            assertEquals(0, saved.exitCode(), saved.err());
        }
        final CommandLineRun noPlasticity = CommandLineRun.of("run", without.toString(), "--out",
            tmp.resolve("c").toString(), "--quiet", "--resume", plasticState.toString());
        assertEquals(2, noPlasticity.exitCode(), noPlasticity.err());
        assertEquals("sim: --resume checkpoint " + plasticState + " was made with plastic synapses, this network has none",
            noPlasticity.errorLine());
        final CommandLineRun added = CommandLineRun.of("run", withPlasticity.toString(), "--out",
            tmp.resolve("c").toString(), "--quiet", "--resume", fixedState.toString());
        assertEquals(2, added.exitCode(), added.err());
        assertEquals("sim: --resume checkpoint " + fixedState + " was made with fixed synapses, this network has plastic ones",
            added.errorLine());
        final CommandLineRun dopamine = CommandLineRun.of("run", "../configs/dastdp2007.yaml", "--out",
            tmp.resolve("c").toString(), "--quiet", "--resume", plasticState.toString());
        assertEquals(2, dopamine.exitCode(), dopamine.err());
        assertEquals("sim: --resume checkpoint " + plasticState + " was made with plasticity without dopamine, this network's " +
            "is dopamine-modulated; this network's plasticity is written at ../configs/dastdp2007.yaml:34:7 (projection " +
            "'exc->exc+inh')", dopamine.errorLine());
        assertFalse(Files.exists(tmp.resolve("c")), "no output folder for a refused resume");
    }

    /** spnet2006.yaml with its plasticity replaced by {@code rule}: the file's path. */
    private Path spnetWith(final String name, final String rule) throws Exception
    {
        final String plastic = Files.readString(Path.of("../configs/spnet2006.yaml"));
        final String line = "    plasticity: {rule: spnet2006, w_max: 10}\n";
        assertTrue(plastic.contains(line), "the shipped file moved");
        return Files.writeString(tmp.resolve(name), plastic.replace(line, "    plasticity: " + rule + "\n"));
    }

    /** Runs {@code saved} for 20 ms into a checkpoint, then resumes it under {@code resumed}: the resumed run. */
    private CommandLineRun savedThenResumed(final Path saved, final Path resumed, final Path state) throws Exception
    {
        final CommandLineRun first = CommandLineRun.of("run", saved.toString(), "--duration", "20", "--out",
            tmp.resolve("a").toString(), "--quiet", "--save-state", state.toString());
        assertEquals(0, first.exitCode(), first.err());
        return CommandLineRun.of("run", resumed.toString(), "--out", tmp.resolve("b").toString(), "--quiet", "--duration",
            "10", "--resume", state.toString());
    }

    /**
     * exp(-1/tau) of spnet2006's tau_plus_ms / tau_minus_ms was Math.exp's until 2026-12-06: a checkpoint made then with
     * tau_minus_ms: 22 holds 0.9555630362682842 where StrictMath gives ...843, and its refusal named decay_minus, a key
     * the config did not have. The refusal says how to resume it: here the old factor, written out, stands for it.
     */
    @Test
    void anOldCheckpointsLastDigitDecayIsRefusedSayingHowToResumeIt() throws Exception
    {
        final Path state = tmp.resolve("old.ckpt");
        final CommandLineRun resumed = savedThenResumed(
            spnetWith("old.yaml", "{rule: spnet2006, w_max: 10, decay_minus: 0.9555630362682842}"),
            spnetWith("now.yaml", "{rule: spnet2006, w_max: 10, tau_minus_ms: 22}"), state);
        assertEquals(2, resumed.exitCode(), resumed.err());
        assertEquals("sim: --resume checkpoint " + state + " was made with plasticity decay_minus 0.9555630362682842, this " +
            "network has decay_minus 0.9555630362682843 (in the last digit: a checkpoint of a build before 2026-12-06, " +
            "which computed exp(-1/tau) otherwise; to resume it, write decay_minus: 0.9555630362682842 in the config " +
            "instead of its tau); this network's plasticity is written at " + tmp.resolve("now.yaml") + ":25:17 " +
            "(projection 'exc->exc+inh')", resumed.errorLine());
        assertFalse(Files.exists(tmp.resolve("b")), "no output folder for a refused resume");
    }

    /**
     * A checkpoint refused for another plasticity named the checkpoint and the differing term but not where the
     * config writes the rule ("was made with plasticity w_max 10, this network has w_max 9"): sim run and sim validate
     * name the place, whether the header or the restored state refuses it.
     */
    @Test
    void aCheckpointOfAnotherPlasticityNamesWhereTheConfigWritesIt() throws Exception
    {
        final Path state = tmp.resolve("w10.ckpt");
        final Path other = spnetWith("w9.yaml", "{rule: spnet2006, w_max: 9}");
        final CommandLineRun resumed = savedThenResumed(spnetWith("w10.yaml", "{rule: spnet2006, w_max: 10}"), other,
            state);
        final String line = "sim: --resume checkpoint " + state + " was made with plasticity w_max 10, this network " +
            "has w_max 9; this network's plasticity is written at " + other + ":25:17 (projection 'exc->exc+inh')";
        assertEquals(2, resumed.exitCode(), resumed.err());
        assertEquals(line, resumed.errorLine());
        final CommandLineRun validate = CommandLineRun.of("validate", other.toString(), "--resume", state.toString());
        assertEquals(2, validate.exitCode(), validate.err());
        assertEquals(line, validate.errorLine());
        // Changed by a --set, the file's line shows the old value: the set is named too.
        final CommandLineRun set = CommandLineRun.of("validate", other.toString(), "--resume", state.toString(), "--set",
            "projections.#1.plasticity.w_max=8");
        assertEquals(2, set.exitCode(), set.err());
        assertEquals(line.replace("w_max 9", "w_max 8") + ", in the file as changed by --set " +
            "projections.#1.plasticity.w_max=8", set.errorLine());
        assertFalse(Files.exists(tmp.resolve("b")), "no output folder for a refused resume");
    }

    /**
     * Pair STDP's rule was recorded with its taus to 6 digits: a checkpoint of tau_plus_ms 19.999999 resumed under
     * 19.99999 was accepted, and the run went on with another factor. Its factors are recorded exactly now.
     */
    @Test
    void aPairStdpResumeUnderATauAlikeToSixDigitsIsRefused() throws Exception
    {
        final Path saved = spnetWith("saved.yaml", "{rule: stdp, w_max: 10, tau_plus_ms: 19.999999}");
        final Path state = tmp.resolve("stdp.ckpt");
        final CommandLineRun resumed = savedThenResumed(saved,
            spnetWith("other.yaml", "{rule: stdp, w_max: 10, tau_plus_ms: 19.99999}"), state);
        assertEquals(2, resumed.exitCode(), resumed.err());
        assertTrue(resumed.errorLine().startsWith("sim: --resume checkpoint " + state + " was made with plasticity " +
            "decay_plus 0.951229"), resumed.errorLine());
        final CommandLineRun same = CommandLineRun.of("run", saved.toString(), "--out", tmp.resolve("c").toString(),
            "--quiet", "--duration", "10", "--resume", state.toString());
        assertEquals(0, same.exitCode(), same.err());
    }

    /**
     * A bad --resume file was refused only after the whole network was built (sparse100k: 12-21 s, sparse1m minutes):
     * now whatever the header says is checked against the plan first, with the message of the check after the build.
     */
    @Test
    void aResumeFileWithABadHeaderIsRefusedBeforeTheNetworkIsBuilt() throws Exception
    {
        final Path state = tmp.resolve("small.ckpt");
        run("first", "--duration", "20", "--save-state", state.toString());
        final Path empty = Files.createFile(tmp.resolve("empty.ckpt"));
        final Path notes = Files.writeString(tmp.resolve("notes.ckpt"), "my notes\n");
        final Path out = tmp.resolve("out");
        final String[][] cases = {
            {empty.toString(), "sim: --resume " + empty + " is empty (0 bytes), not a checkpoint"},
            {notes.toString(), "sim: --resume " + notes + " is not an izhsim checkpoint"},
            // Regular and unreadable, even for root: as a file of mode 000 is to another user.
            {"/proc/self/mem", "sim: --resume cannot read checkpoint /proc/self/mem: Input/output error"},
            {state.toString(), "sim: --resume checkpoint " + state + " was made with seed 7, this network has seed 8",
                "--seed", "8"}};
        for (final String[] c : cases)
        {
            final List<String> args = new java.util.ArrayList<>(List.of("run", config().toString(), "--out",
                out.toString(), "--resume", c[0]));
            args.addAll(Arrays.asList(c).subList(2, c.length));
            // Not --quiet: the build's line would show that the network was built before the refusal.
            final CommandLineRun run = CommandLineRun.of(args.toArray(String[]::new));
            assertEquals(2, run.exitCode(), run.err());
            assertEquals(c[1], run.errorLine());
            assertFalse(run.out().contains(" built "), "refused before the build: " + run.out());
        }
        assertFalse(Files.exists(out), "nothing is written for a refused command");
    }

    /**
     * A checkpoint name over the 255 bytes of a file name was probed only by its (shortened) partial file's name, and
     * the rename onto it failed after the whole run ("File name too long").
     */
    @Test
    void aCheckpointNameLongerThanAFileNameIsRefusedBeforeTheRun() throws Exception
    {
        final Path state = tmp.resolve("s".repeat(251) + ".ckpt");
        final Path out = tmp.resolve("out");
        assertEquals("sim: --save-state " + state + ": its name is 256 bytes long, more than the 255 a file name may " +
            "have", failure("--out", out.toString(), "--save-state", state.toString()));
        assertFalse(Files.exists(out), "nothing is written for a refused command");
    }

    /** A write-protected checkpoint (chmod 444) was replaced by the save, and its protection dropped, without a word. */
    @Test
    void aReadOnlyCheckpointIsNotReplaced() throws Exception
    {
        final Path state = tmp.resolve("kept.ckpt");
        run("first", "--duration", "20", "--save-state", state.toString());
        final byte[] saved = Files.readAllBytes(state);
        Files.setPosixFilePermissions(state, java.nio.file.attribute.PosixFilePermissions.fromString("r--r--r--"));
        final Path out = tmp.resolve("out");
        assertEquals("sim: --save-state " + state + ": it is read-only, and a save would replace it and drop that " +
            "protection (make it writable, chmod u+w, or choose another name)",
            failure("--out", out.toString(), "--save-state", state.toString()));
        assertArrayEquals(saved, Files.readAllBytes(state), "the checkpoint is unchanged");
        assertEquals("r--r--r--", java.nio.file.attribute.PosixFilePermissions.toString(
            Files.getPosixFilePermissions(state)));
        assertFalse(Files.exists(out), "nothing is written for a refused command");
    }

    /**
     * The folders --save-state a/new1/new2/s.ckpt created for its claim were left behind when the run was refused
     * after it (here after the build: a checkpoint of other neuron parameters, which only the built network shows).
     */
    @Test
    void theFoldersCreatedForACheckpointAreRemovedWhenTheRunIsRefused() throws Exception
    {
        final Path state = tmp.resolve("small.ckpt");
        run("first", "--duration", "20", "--save-state", state.toString());
        final Path other = Files.writeString(tmp.resolve("other.yaml"),
            Files.readString(config()).replace("c: -65, d: 2}", "c: -65, d: 3}"));
        final Path created = tmp.resolve("new1");
        final Path out = tmp.resolve("out");
        final CommandLineRun run = CommandLineRun.of("run", other.toString(), "--quiet", "--out", out.toString(),
            "--resume", state.toString(), "--save-state", created.resolve("new2").resolve("s.ckpt").toString());
        assertEquals(2, run.exitCode(), run.err());
        assertEquals("sim: --resume checkpoint " + state + " was made with other neuron models or parameters (a, b, c, d; a 2007 population's C, k, vr, vt, vpeak, steps_per_ms, cell rules) in " +
            "'inh' than this network", run.errorLine());
        assertFalse(Files.exists(created), "the folders made for the checkpoint are gone");
        assertFalse(Files.exists(out), "nothing is written for a refused command");
    }

    /** A --resume path through a file said "cannot read the file (FileSystemException)": a Java class name. */
    @Test
    void aResumePathThroughAFileSaysWhichFileIsNotAFolder() throws Exception
    {
        final Path mine = Files.writeString(tmp.resolve("mine.txt"), "my notes\n");
        assertEquals("sim: --resume " + mine.resolve("s.ckpt") + ": " + mine + " is a file, not a folder",
            failure("--out", tmp.resolve("out").toString(), "--resume", mine.resolve("s.ckpt").toString()));
    }

    private Path run(final String name, final String... options) throws URISyntaxException
    {
        final Path out = tmp.resolve(name);
        final String[] args = Stream.concat(Stream.of("run", config().toString(), "--out", out.toString(), "--quiet"),
            Arrays.stream(options)).toArray(String[]::new);
        final CommandLineRun run = CommandLineRun.of(args);
        assertEquals(0, run.exitCode(), run.err());
        return out;
    }

    private static String failure(final String... options) throws URISyntaxException
    {
        final String[] args = Stream.concat(Stream.of("run", config().toString(), "--quiet"), Arrays.stream(options))
            .toArray(String[]::new);
        final CommandLineRun run = CommandLineRun.of(args);
        assertEquals(2, run.exitCode(), run.err());
        return run.errorLine();
    }

    private static Path config() throws URISyntaxException
    {
        return Path.of(CheckpointCommandTest.class.getResource("/cli/small.yaml").toURI());
    }
}
