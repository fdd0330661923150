package org.izhsim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.izhsim.output.JavaProcess;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sim run}, {@code sim neuron} and {@code sim gallery} never delete a user's files: each case runs
 * against a throwaway project folder (a fake .git, the experiment file, notes) that must survive whole.
 * Cases that depend on the working folder run the command line in a second JVM started inside the
 * throwaway folder, so that a regression could only ever delete that folder.
 */
class OutputFolderSafetyTest
{
    private static final String ADVICE = "; nothing was deleted: choose another output folder (--out), e.g. a new one";

    @TempDir
    Path tmp;

    private Path project;
    private Path config;

    @BeforeEach
    void project() throws IOException, URISyntaxException
    {
        project = Files.createDirectories(tmp.resolve("project"));
        Files.createDirectories(project.resolve(".git/refs"));
        Files.writeString(project.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        Files.writeString(project.resolve("notes.txt"), "my notes\n");
        config = project.resolve("cfg.yaml");
        Files.copy(Path.of(OutputFolderSafetyTest.class.getResource("/cli/small.yaml").toURI()), config);
    }

    private void assertProjectIntact() throws IOException
    {
        assertEquals(List.of(".git", "cfg.yaml", "notes.txt"), names(project), "nothing added or deleted");
        assertEquals("ref: refs/heads/main\n", Files.readString(project.resolve(".git/HEAD")));
        assertEquals("my notes\n", Files.readString(project.resolve("notes.txt")));
        assertTrue(Files.readString(config).contains("populations"));
        assertEquals(List.of("project"), names(tmp), "no staging folder left beside it");
    }

    private static List<String> names(final Path dir) throws IOException
    {
        try (Stream<Path> s = Files.list(dir))
        {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** {@code sim ARGS} in a JVM whose working folder is {@code workingFolder}. */
    private static CommandLineRun simIn(final Path workingFolder, final String... args) throws Exception
    {
        return CommandLineRun.of(JavaProcess.start(workingFolder, Main.class, args));
    }

    @Test
    void runWithOutDotInTheProjectRefusesTheWorkingFolder() throws Exception
    {
        final CommandLineRun run = simIn(project, "run", "cfg.yaml", "--out", ".", "--quiet");
        assertEquals(2, run.exitCode(), run.err());
        assertEquals("sim: output folder '.' is the working folder" + ADVICE, run.errorLine());
        assertProjectIntact();
    }

    @Test
    void runWithOutDotDotRefusesTheFolderAboveTheWorkingFolder() throws Exception
    {
        final CommandLineRun run = simIn(project, "run", "cfg.yaml", "--out", "..", "--quiet");
        assertEquals(2, run.exitCode(), run.err());
        assertEquals("sim: output folder '..' contains the working folder" + ADVICE, run.errorLine());
        assertProjectIntact();
    }

    @Test
    void aConfigNamedDotDotIsRefusedByValidateAndRunBeforeAnythingIsWritten() throws Exception
    {
        Files.writeString(config, "name: \"..\"\n" + Files.readString(config).replaceAll("(?m)^name:.*\n", ""));
        final String expected = "sim: cfg.yaml:1:7: 'name' must be a plain folder name (not empty, '.' or '..'), got '..'";
        final CommandLineRun validate = CommandLineRun.of("validate", config.toString());
        assertEquals(2, validate.exitCode());
        assertEquals(expected.replace("cfg.yaml", config.toString()), validate.errorLine());

        final CommandLineRun run = simIn(project, "run", "cfg.yaml", "--quiet");
        assertEquals(2, run.exitCode(), run.err());
        assertEquals(expected, run.errorLine());
        assertProjectIntact();
    }

    @Test
    void runRefusesTheFolderHoldingItsExperimentFile() throws Exception
    {
        final CommandLineRun run = CommandLineRun.of("run", config.toString(), "--out", project.toString(), "--quiet");
        assertEquals(2, run.exitCode(), run.err());
        assertEquals("sim: output folder '" + project + "' contains the input file '" + config + "'" + ADVICE,
            run.errorLine());
        assertProjectIntact();
    }

    @Test
    void runRefusesAFolderItDidNotWrite() throws Exception
    {
        final Path elsewhere = Files.copy(config, tmp.resolve("elsewhere.yaml"));
        final CommandLineRun run = CommandLineRun.of("run", elsewhere.toString(), "--out", project.toString(), "--quiet");
        assertEquals(2, run.exitCode(), run.err());
        assertEquals("sim: output folder '" + project + "' holds '.git/', 'cfg.yaml', 'notes.txt' and was not " +
            "written by the simulator (no .izhsim-output marker)" + ADVICE, run.errorLine());
        Files.delete(elsewhere);
        assertProjectIntact();
    }

    @Test
    void runReplacesItsOwnOutputUntilAUserFileIsAdded() throws Exception
    {
        final Path out = tmp.resolve("out");
        assertEquals(0, CommandLineRun.of("run", config.toString(), "--out", out.toString(), "--quiet").exitCode());
        final CommandLineRun again = CommandLineRun.of("run", config.toString(), "--out", out.toString(), "--quiet",
            "--seed", "2");
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(Files.readString(out.resolve("summary.json")).contains("\"seed\" : 2"));

        Files.writeString(out.resolve("analysis.ipynb"), "{}");
        final CommandLineRun refused = CommandLineRun.of("run", config.toString(), "--out", out.toString(), "--quiet");
        assertEquals(2, refused.exitCode());
        assertEquals("sim: output folder '" + out + "' holds 'analysis.ipynb', which the simulator did not write" +
            ADVICE, refused.errorLine());
        assertEquals("{}", Files.readString(out.resolve("analysis.ipynb")));
        assertTrue(Files.exists(out.resolve("spikes.csv")), "the earlier output stays too");
        Files.walk(out).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        assertProjectIntact();
    }

    /**
     * A frozen run of learnt weights names the plastic run's folder as its connections: a run whose output folder is
     * (or holds) that folder is refused, and the weights stay (it would have replaced them by its own outputs).
     */
    @Test
    void runRefusesTheFolderItReadsConnectionsFrom() throws Exception
    {
        final String network = "duration_ms: 1100\npopulations:\n  exc: {size: 40, params: RS, input: {noise_sd: 6}}\n" +
            "projections:\n";
        final Path plastic = Files.writeString(tmp.resolve("plastic.yaml"), "name: learnt\n" + network +
            "  - {from: exc, to: exc, rule: fixed_outdegree, k: 5, weight: 4, plasticity: {rule: spnet2006}}\n");
        final CommandLineRun learn = simIn(tmp, "run", plastic.toString(), "--quiet", "--no-figures");
        assertEquals(0, learn.exitCode(), learn.err());
        final byte[] weights = Files.readAllBytes(tmp.resolve("out/learnt/weights.npy"));
        final Path frozen = Files.writeString(tmp.resolve("frozen.yaml"), "name: learnt\n" + network +
            "  - {from: exc, to: exc, connections: out/learnt}\n");
        for (final String out : new String[] {null, "out"})
        {
            final CommandLineRun run = out == null ? simIn(tmp, "run", frozen.toString(), "--quiet") :
                simIn(tmp, "run", frozen.toString(), "--quiet", "--out", out);
            assertEquals(2, run.exitCode(), run.err());
            assertEquals("sim: output folder '" + (out == null ? "out/learnt' is" : "out' contains") +
                " the input folder 'out/learnt'" + ADVICE, run.errorLine());
            assertArrayEquals(weights, Files.readAllBytes(tmp.resolve("out/learnt/weights.npy")));
        }
        final CommandLineRun elsewhere = simIn(tmp, "run", frozen.toString(), "--quiet", "--out", "frozen");
        assertEquals(0, elsewhere.exitCode(), elsewhere.err());
    }

    @Test
    void neuronWithOutDotIsRefusedBeforeTheNeuronRuns() throws Exception
    {
        final CommandLineRun neuron = simIn(project, "neuron", "--preset", "RS", "--out", ".");
        assertEquals(2, neuron.exitCode(), neuron.err());
        assertEquals("", neuron.out(), "refused before the run: no spikes printed");
        assertEquals("sim: output folder '.' is the working folder" + ADVICE, neuron.errorLine());
        assertProjectIntact();
    }

    @Test
    void neuronRefusesAFolderHoldingItsStimulusFile() throws Exception
    {
        final Path stimulus = project.resolve("stim.yaml");
        Files.writeString(stimulus, "stimulus:\n  - dc: {amplitude: 10, onset_ms: 5}\n");
        final CommandLineRun neuron = CommandLineRun.of("neuron", "--stimulus", stimulus.toString(), "--out",
            project.toString());
        assertEquals(2, neuron.exitCode(), neuron.err());
        assertEquals("sim: output folder '" + project + "' contains the input file '" + stimulus + "'" + ADVICE,
            neuron.errorLine());
        Files.delete(stimulus);
        assertProjectIntact();
    }

    @Test
    void galleryRefusesTheWorkingFolderAndAFolderItDidNotWrite() throws Exception
    {
        final CommandLineRun here = simIn(project, "gallery", "--out", ".");
        assertEquals(2, here.exitCode(), here.err());
        assertEquals("sim: output folder '.' is the working folder" + ADVICE, here.errorLine());

        final CommandLineRun foreign = CommandLineRun.of("gallery", "--out", project.toString());
        assertEquals(2, foreign.exitCode(), foreign.err());
        assertTrue(foreign.errorLine().endsWith("and was not written by the simulator (no .izhsim-output marker)" +
            ADVICE), foreign.errorLine());
        assertProjectIntact();
    }
}
