package org.izhsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM that finds no fonts (a minimal container or cluster image) threw an Error at the first text of a figure: sim
 * run lost every output of the run after the simulation (stack trace, exit 1), sim neuron its data files too, and sim
 * gallery ran every feature first. Here a child JVM reads an empty fontconfig (FONTCONFIG_FILE), with a user.home of
 * its own so that no font cache of an earlier JVM answers for it.
 */
class NoFontsTest
{
    @TempDir
    Path tmp;

    private Process sim(final String... args) throws Exception
    {
        final Path fontconfig = tmp.resolve("fonts.conf");
        if (!Files.exists(fontconfig))
        {
            Files.writeString(fontconfig, "<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">\n" +
                "<fontconfig></fontconfig>\n");
            Files.createDirectories(tmp.resolve("home"));
        }
        final List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
            .toString(), "-Duser.home=" + tmp.resolve("home"), "-XX:+UseSerialGC", "-cp",
            System.getProperty("java.class.path"), "org.izhsim.cli.Main"));
        command.addAll(List.of(args));
        final ProcessBuilder builder = new ProcessBuilder(command).directory(tmp.toFile())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("FONTCONFIG_FILE", fontconfig.toString());
        return builder.start();
    }

    private static String errOf(final Process process) throws Exception
    {
        final String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(50, TimeUnit.SECONDS), "ends");
        return err;
    }

    @Test
    @Timeout(60)
    void aRunWithoutFontsWritesEveryDataFileAndSaysTheFiguresAreNotDrawn() throws Exception
    {
        final Path out = tmp.resolve("run");
        final Process process = sim("run", Path.of("..", "configs", "spnet2006.yaml").toAbsolutePath().toString(),
            "--duration", "1200", "--quiet", "--out", out.toString());
        final String err = errOf(process);
        assertEquals(0, process.exitValue(), err);
        assertFalse(err.contains("Exception") || err.contains("Error"), err);
        final List<String> lines = err.strip().lines().toList();
        assertEquals(2, lines.size(), err);
        assertTrue(lines.get(0).startsWith("sim: warning: Java finds no fonts on this machine (") &&
            lines.get(0).contains("the run writes its data files but not its figures"), lines.get(0));
        assertTrue(lines.get(1).startsWith("sim: warning: the figures (raster.png, raster.svg, weights.png) were not " +
            "drawn: Java finds no fonts"), lines.get(1));
        for (final String file : List.of("spikes.csv", "spikes.h5", "spike_times_ms.npy", "rates.csv", "weights.npy",
            "weight_snapshots.npy", "summary.json"))
        {
            assertTrue(Files.size(out.resolve(file)) > 0, file);
        }
        for (final String figure : List.of("raster.png", "raster.svg", "raster_last_second.png", "weights.png"))
        {
            assertFalse(Files.exists(out.resolve(figure)), figure);
        }
        assertTrue(Files.readString(out.resolve("summary.json")).contains("\"figures\" : \"not drawn: Java finds no " +
            "fonts"), "summary.json says why");
    }

    @Test
    @Timeout(60)
    void aNeuronWithoutFontsWritesItsTraceAndSpikes() throws Exception
    {
        final Path out = tmp.resolve("neuron");
        final Process process = sim("neuron", "--preset", "RS", "--out", out.toString());
        final String err = errOf(process);
        assertEquals(0, process.exitValue(), err);
        assertEquals(1, err.strip().lines().count(), err);
        assertTrue(err.startsWith("sim: warning: Java finds no fonts on this machine ("), err);
        assertTrue(Files.size(out.resolve("trace.csv")) > 0 && Files.size(out.resolve("spikes.csv")) > 0);
        assertFalse(Files.exists(out.resolve("neuron.png")) || Files.exists(out.resolve("neuron.svg")));
    }

    @Test
    @Timeout(60)
    void theGalleryWithoutFontsIsRefusedBeforeAnythingRuns() throws Exception
    {
        final Path out = tmp.resolve("gallery");
        final Process process = sim("gallery", "--out", out.toString());
        final String err = errOf(process);
        assertEquals(Main.EXIT_BAD_INPUT, process.exitValue(), err);
        assertEquals(1, err.strip().lines().count(), err);
        assertTrue(err.startsWith("sim: cannot draw the gallery: Java finds no fonts on this machine ("), err);
        assertFalse(Files.exists(out), "nothing written");
    }
}
