package org.izhsim.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A disk that fills up while {@code sim neuron --out} writes into a folder an earlier run made: one line naming
 * the folder and the reason, no staging folder left, and the earlier output folder untouched (FullDiskReportTest
 * has run, neuron and gallery into new folders). Before, the command ended with a stack trace. The full disk is a file-size limit (ulimit -f) on the JVM:
 * its writes then fail with "File too large", as they fail with "No space left on device" on a full disk.
 */
@EnabledOnOs(OS.LINUX)
class OutputWriteFailureTest
{
    @TempDir
    Path tmp;

    private List<String> runWithFileSizeLimit(final String... args) throws IOException, InterruptedException
    {
        return runWithFileSizeLimit(64, args);
    }

    private List<String> runWithFileSizeLimit(final int kib, final String... args) throws IOException,
        InterruptedException
    {
        final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        final StringBuilder command = new StringBuilder("ulimit -f " + kib + "; exec '" + java +
            "' -XX:TieredStopAtLevel=1 -Djava.awt.headless=true -cp \"$CP\" " + Main.class.getName());
        for (final String arg : args)
        {
            command.append(" '").append(arg).append('\'');
        }
        final ProcessBuilder builder = new ProcessBuilder("bash", "-c", command.toString()).directory(tmp.toFile())
            .redirectOutput(tmp.resolve("stdout.txt").toFile()).redirectError(tmp.resolve("stderr.txt").toFile());
        builder.environment().put("CP", System.getProperty("java.class.path"));
        final Process process = builder.start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "did not end within 2 minutes");
        final List<String> err = Files.readAllLines(tmp.resolve("stderr.txt"), StandardCharsets.UTF_8);
        return List.of(Integer.toString(process.exitValue()), String.join("\n", err));
    }

    private List<String> leftovers() throws IOException
    {
        try (Stream<Path> entries = Files.list(tmp))
        {
            return entries.map(p -> p.getFileName().toString()).filter(name -> name.contains(".tmp-")).toList();
        }
    }

    @Test
    void neuronOutputsThatDoNotFitOnTheDiskAreOneLineAndKeepTheEarlierFolder() throws Exception
    {
        final Path out = tmp.resolve("rs");
        assertEquals(0, CommandLineRun.of("neuron", "--out", out.toString()).exitCode());
        final String earlierTrace = Files.readString(out.resolve("trace.csv"));

        // 40,001 steps: a trace.csv of about 1.3 MB against a limit of 64 KiB a file.
        final List<String> result = runWithFileSizeLimit("neuron", "--duration", "1e4", "--out", "rs");

        assertEquals("1", result.get(0), result.get(1));
        // The warning before the run that the earlier folder would be replaced, then the failure's one line.
        final List<String> lines = result.get(1).lines().toList();
        assertEquals(2, lines.size(), result.get(1));
        assertTrue(lines.get(0).startsWith("sim: warning: rs holds the outputs of an earlier run"), lines.get(0));
        assertEquals("sim: writing the outputs to 'rs' failed: cannot write trace.csv: File too large; nothing was " +
            "written there", lines.get(1));
        assertEquals(earlierTrace, Files.readString(out.resolve("trace.csv")), "the earlier folder is as it was");
        assertEquals(List.of(), leftovers());
    }

    /**
     * A disk that fills while the figures are written, after every data file: the folder keeps its data without the
     * figures, says so, and exits 1 (a tester's hour-long run lost its complete spikes.csv and spikes.h5 because
     * raster.png did not fit). Here every data file of a 300 ms run is under 32 KiB and raster.png is not.
     */
    @Test
    void aRunWhoseFiguresDoNotFitKeepsEveryDataFile() throws Exception
    {
        final Path config = Path.of(OutputWriteFailureTest.class.getResource("/cli/small.yaml").toURI());
        final List<String> result = runWithFileSizeLimit(32, "run", config.toString(), "--out", "o", "--quiet");
        assertEquals("1", result.get(0), result.get(1));
        assertEquals("sim: warning: the figures (raster.png, raster.svg, traces.png) were not written: cannot write raster.png: " +
            "File too large; every data file is written", result.get(1));
        final Path out = tmp.resolve("o");
        for (final String file : new String[] {"spikes.csv", "spike_times_ms.npy", "spike_ids.npy", "spikes.h5",
            "rates.csv", "traces.csv", "config.yaml", "summary.json"})
        {
            assertTrue(Files.size(out.resolve(file)) > 0, file);
        }
        assertTrue(Files.notExists(out.resolve("raster.png")) && Files.notExists(out.resolve("raster.svg")),
            "no part-written figure");
        assertTrue(Files.readString(out.resolve("summary.json")).contains("\"figures\" : \"not written: cannot " +
            "write raster.png: File too large; every data file is written\""));
        assertEquals(List.of(), leftovers());
    }
}
