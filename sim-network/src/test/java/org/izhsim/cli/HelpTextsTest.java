package org.izhsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.izhsim.core.preset.Preset;
import org.izhsim.core.preset.Presets;
import org.izhsim.output.Numbers;
import org.junit.jupiter.api.Test;

/** What the commands' --help says, as a reader sees it at 80 columns. */
class HelpTextsTest
{
    /** The help of {@code sim COMMAND}, which exits 0 with nothing on stderr. */
    private static String help(final String command)
    {
        final CommandLineRun run = CommandLineRun.of(command, "--help");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", run.err());
        return run.out();
    }

    /** The help as one line of words, its wrapping undone. */
    private static String unwrapped(final String help)
    {
        return help.replaceAll("\\s+", " ");
    }

    /**
     * picocli wraps a description at any line break opportunity, the dot after "#1" too: run's and validate's --set
     * example was printed as "--set projections.#1." and "weight=0.4" on two lines, easy to copy wrongly. Each
     * example is now a line of its own, whole.
     */
    @Test
    void setAndUnsetExamplesAreWholeLinesOfTheHelp()
    {
        for (final String command : List.of("run", "validate"))
        {
            final List<String> lines = help(command).lines().map(String::strip).toList();
            for (final String example : List.of("--set populations.exc.size=400", "--set projections.#1.weight=0.4",
                "--unset 'projections.#1.plasticity'"))
            {
                assertTrue(lines.contains(example), command + ": no line '" + example + "' in\n" + help(command));
            }
        }
    }

    /**
     * sim neuron's --duration and --dt showed no default, which is the preset's (README: RS's 150 ms); only --fi said
     * "default 1000 ms". The numbers in the help are RS's own.
     */
    @Test
    void neuronHelpGivesThePresetsDurationAndDtAsTheDefaults()
    {
        final Preset rs = Presets.byName("RS");
        final String help = unwrapped(help("neuron"));
        assertTrue(help.contains("--duration=MS Simulated time T (steps at t = 0, dt, ..., T; default: the preset's, " +
            "such as RS's " + Numbers.format(rs.runSpec().durationMs()) + " ms, or with --fi 1000 ms)."), help);
        assertTrue(help.contains("--dt=MS Time step (default: the preset's, such as RS's " +
            Numbers.format(rs.runSpec().dtMs()) + " ms)."), help);
    }

    /** sim explore's help said "Open the model in the browser", which it does not: it serves the page, prints a URL. */
    @Test
    void exploreHelpSaysItServesThePageAndPrintsItsUrl()
    {
        final String help = unwrapped(help("explore"));
        assertFalse(help.contains("Open the model"), help);
        assertTrue(help.contains("Serve the browser explorer and print its URL, to open in a browser"), help);
    }
}
