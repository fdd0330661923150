package org.izhsim.config;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.izhsim.core.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StimulusLoaderTest
{
    /**
     * Experiment files are named as the user gave them; a CSV table's errors named its absolute path
     * (/home/.../t/nohdr.csv:1:1 for a stimulus file given as t/s.yaml): now as seen from the file as given.
     */
    @Test
    void aTablesErrorsNameItFromTheStimulusFileAsGiven() throws IOException
    {
        final Path folder = Files.createDirectories(Path.of("target", "stimulus-relative"));
        Files.writeString(folder.resolve("nohdr.csv"), "0,0\n1,5\n");
        Files.writeString(folder.resolve("s.yaml"), "stimulus:\n  - csv: {file: nohdr.csv}\n");
        Files.writeString(folder.resolve("m.yaml"), "stimulus:\n  - csv: {file: missing.csv}\n");
        final String prefix = Path.of("target", "stimulus-relative").toString();
        assertEquals(prefix + "/nohdr.csv:1:1: expected the header 't_ms,current', got '0,0'", assertThrows(
            InputException.class, () -> StimulusAssembler.load(folder.resolve("s.yaml"))).getMessage());
        assertEquals(prefix + "/m.yaml:2:17: CSV file 'missing.csv' not found (looked for " + prefix + "/missing.csv)",
            assertThrows(InputException.class, () -> StimulusLoader.load(folder.resolve("m.yaml"))).getMessage());
    }

    @TempDir
    Path directory;

    @Test
    void readsEveryComponentWithItsDefaults() throws IOException
    {
        Files.createDirectories(directory.resolve("data"));
        Files.writeString(directory.resolve("data").resolve("drive.csv"), "0,0\n100,10\n");
        final Path file = directory.resolve("step.yaml");
        Files.writeString(file, String.join("\n",
            "description: every component once",
            "stimulus:",
            "  - dc: {amplitude: 10, onset_ms: 100}",
            "  - dc: {amplitude: -2, offset_ms: 50}",
            "  - pulse_train: {amplitude: 20, start_ms: 10, width_ms: 2, period_ms: 25, count: 4}",
            "  - ramp: {start_ms: 0, end_ms: 300, to: 30}",
            "  - sine: {amplitude: 3, frequency_hz: 8}",
            "  - sine: {amplitude: 1, frequency_hz: 40, phase_deg: 90, offset: 0.5, onset_ms: 5, offset_ms: 95}",
            "  - noise: {sd: 2}",
            "  - noise: {sd: 1, mean: 0.5, seed: 42}",
            "  - csv: {file: data/drive.csv}",
            ""));
        final StimulusConfig stimulus = StimulusLoader.load(file);
        assertEquals("every component once", stimulus.description());
        final double end = Double.POSITIVE_INFINITY;
        assertEquals(List.of(
            new StimulusComponent.Dc(10.0, 100.0, end),
            new StimulusComponent.Dc(-2.0, 0.0, 50.0),
            new StimulusComponent.PulseTrain(20.0, 10.0, 2.0, 25.0, 4),
            new StimulusComponent.Ramp(0.0, 300.0, 0.0, 30.0),
            new StimulusComponent.Sine(3.0, 8.0, 0.0, 0.0, 0.0, end),
            new StimulusComponent.Sine(1.0, 40.0, 90.0, 0.5, 5.0, 95.0),
            new StimulusComponent.Noise(2.0, 0.0, 1L),
            new StimulusComponent.Noise(1.0, 0.5, 42L),
            new StimulusComponent.Csv(directory.resolve("data").resolve("drive.csv").toAbsolutePath().normalize(), "data/drive.csv")),
            stimulus.components());
    }

    private String errorOf(final String yaml)
    {
        return assertThrows(InputException.class, () -> StimulusLoader.parse(yaml, "stim.yaml", directory)).getMessage();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown component   | stimulus:\\n  - step: {amplitude: 1}                                               | stim.yaml:2:5: unknown stimulus component 'step' (valid: dc, pulse_train, ramp, sine, noise, csv)",
        "component prefix    | stimulus:\\n  - pulse: {amplitude: 1}                                              | stim.yaml:2:5: unknown stimulus component 'pulse', did you mean 'pulse_train'?",
        "misspelt component  | stimulus:\\n  - sin: {amplitude: 1, frequency_hz: 4}                              | stim.yaml:2:5: unknown stimulus component 'sin', did you mean 'sine'?",
        "two in one item     | stimulus:\\n  - dc: {amplitude: 1}\\n    noise: {sd: 1}                          | stim.yaml:2:5: stimulus item 1 must be one component, e.g. '- dc: {amplitude: 10}', got 2 keys",
        "misspelt key        | stimulus:\\n  - dc: {amplitude: 1, onset: 5}                                      | stim.yaml:2:24: unknown key 'onset' in dc (stimulus item 1), did you mean 'onset_ms'?",
        "missing amplitude   | stimulus:\\n  - dc: {onset_ms: 5}                                                 | stim.yaml:2:9: missing required key 'amplitude' in dc (stimulus item 1)",
        "offset before onset | stimulus:\\n  - dc: {amplitude: 1, onset_ms: 50, offset_ms: 20}                   | stim.yaml:2:49: 'offset_ms' (20) must be after 'onset_ms' (50) in dc (stimulus item 1)",
        "pulse wider than period | stimulus:\\n  - pulse_train: {amplitude: 1, width_ms: 30, period_ms: 20, count: 2} | stim.yaml:2:43: 'width_ms' (30) must not exceed 'period_ms' (20) in pulse_train (stimulus item 1)",
        "zero count          | stimulus:\\n  - pulse_train: {amplitude: 1, width_ms: 1, period_ms: 20, count: 0} | stim.yaml:2:68: 'count' must be > 0 in pulse_train (stimulus item 1), got 0",
        "ramp backwards      | stimulus:\\n  - ramp: {start_ms: 100, end_ms: 100, to: 5}                        | stim.yaml:2:35: 'end_ms' (100) must be after 'start_ms' (100) in ramp (stimulus item 1)",
        "negative sd         | stimulus:\\n  - noise: {sd: -1}                                                   | stim.yaml:2:17: 'sd' must be >= 0 in noise (stimulus item 1), got -1",
        "zero frequency      | stimulus:\\n  - sine: {amplitude: 1, frequency_hz: 0}                             | stim.yaml:2:40: 'frequency_hz' must be > 0 in sine (stimulus item 1), got 0",
        "missing csv         | stimulus:\\n  - csv: {file: nowhere.csv}                                          | stim.yaml:2:17: CSV file 'nowhere.csv' not found",
        "empty list          | stimulus: []                                                                      | stim.yaml:1:11: 'stimulus' must list at least one component",
        "not a list          | stimulus: {dc: {amplitude: 1}}                                                    | stim.yaml:1:11: expected a list for 'stimulus', got a mapping",
        "unknown top key     | stimulus: [{noise: {sd: 1}}]\\nduration_ms: 100                                   | stim.yaml:2:1: unknown key 'duration_ms' in the stimulus file (valid keys: description, stimulus)",
    })
    void errors(final String what, final String yaml, final String expected)
    {
        final String message = errorOf(yaml.replace("\\n", "\n"));
        assertTrue(message.startsWith(expected), () -> what + ": " + message);
    }

    @Test
    void csvPathWithANulCharacterIsALocatedError()
    {
        assertEquals("stim.yaml:2:17: 'file' 'good.csv\\u0000x' is not a valid path (Nul character not allowed) in csv " +
            "(stimulus item 1)", errorOf("stimulus:\n  - csv: {file: \"good.csv\\u0000x\"}\n"));
    }

    @Test
    @org.junit.jupiter.api.condition.EnabledOnOs(org.junit.jupiter.api.condition.OS.LINUX)
    void csvDeviceIsReportedAsNotARegularFileNotAsMissing()
    {
        // /dev/zero exists: "not found (looked for /dev/zero)" sent the user looking for a typo.
        assertEquals("stim.yaml:2:17: CSV file '/dev/zero' (/dev/zero) is a device, not a regular file",
            errorOf("stimulus:\n  - csv: {file: /dev/zero}\n"));
    }

    @Test
    void csvFolderIsReportedAsAFolderNotAsMissing() throws IOException
    {
        Files.createDirectory(directory.resolve("x.csv"));
        final String message = errorOf("stimulus:\n  - csv: {file: x.csv}\n");
        assertTrue(message.startsWith("stim.yaml:2:17: CSV file 'x.csv' (") &&
            message.endsWith(") is a folder, not a file"), message);
    }

    @Test
    void csvTableLargerThanTheLimitIsRefusedAtItsFileKey() throws IOException
    {
        try (RandomAccessFile sparse = new RandomAccessFile(directory.resolve("big.csv").toFile(), "rw"))
        {
            sparse.setLength(400L << 20);
        }
        assertEquals("stim.yaml:2:17: CSV file 'big.csv' is 419430400 bytes, larger than 67108864 bytes (64 MiB), the " +
            "limit of a CSV stimulus table", errorOf("stimulus:\n  - csv: {file: big.csv}\n"));
    }

    @Test
    void sineFrequencyWhosePhaseCannotBeComputedIsRefusedAtItsKey()
    {
        assertEquals("stim.yaml:2:40: 'frequency_hz' must be at most 1e6 (1 MHz, a period of 1 us) in sine (stimulus item 1), " +
            "got 1e308", errorOf("stimulus:\n  - sine: {amplitude: 2, frequency_hz: 1e308}\n"));
    }

    /** phase_deg 1e308 ran: a sine of an argument with no bits left for the time. One turn either way is the range. */
    @Test
    void sinePhaseBeyondOneTurnIsRefusedAtItsKey()
    {
        assertEquals("stim.yaml:2:54: 'phase_deg' must be between -360 and 360 (one turn either way) in sine (stimulus " +
            "item 1), got 1e308", errorOf("stimulus:\n  - sine: {amplitude: 2, frequency_hz: 8, phase_deg: 1e308}\n"));
        assertEquals("stim.yaml:2:54: 'phase_deg' must be between -360 and 360 (one turn either way) in sine (stimulus " +
            "item 1), got -360.5", errorOf("stimulus:\n  - sine: {amplitude: 2, frequency_hz: 8, phase_deg: -360.5}\n"));
        assertEquals(-360.0, ((StimulusComponent.Sine)StimulusLoader.parse(
            "stimulus:\n  - sine: {amplitude: 2, frequency_hz: 8, phase_deg: -360}\n", "stim.yaml", directory)
            .components().get(0)).phaseDeg());
    }

    @Test
    void rampWhoseRiseWouldBeInfiniteIsRefusedAtItsCurrent()
    {
        assertEquals("stim.yaml:2:44: 'from' -1e308 is outside the range a float holds (+-3.4e38) in ramp (stimulus item 1)",
            errorOf("stimulus:\n  - ramp: {start_ms: 0, end_ms: 100, from: -1e308, to: 1e308}\n"));
    }

    @Test
    void noiseWhoseDrawsWouldBeInfiniteIsRefusedAtItsSd()
    {
        assertEquals("stim.yaml:2:17: 'sd' 1e308 is outside the range a float holds (+-3.4e38) in noise (stimulus item 1)",
            errorOf("stimulus:\n  - noise: {sd: 1e308}\n"));
    }

    @Test
    void componentsWhoseSumWouldBeInfiniteAreRefusedAtTheirAmplitude()
    {
        assertEquals("stim.yaml:2:21: 'amplitude' 1e308 is outside the range a float holds (+-3.4e38) in dc (stimulus item 1)",
            errorOf("stimulus:\n  - dc: {amplitude: 1e308}\n  - pulse_train: {amplitude: 1e308, width_ms: 1, period_ms: 2, " +
                "count: 9}\n"));
    }
}
