package org.izhsim.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Values given on the command line are quoted in error messages as experiment files quote theirs: cut to 80
 * characters with their length, and with control characters escaped. They were echoed whole (a line of 100,000
 * characters) and raw: a newline split the one line in two, an escape sequence recoloured or cleared the terminal.
 */
class OptionValuesInMessagesTest
{
    private static final String HUGE = "x".repeat(100_000);
    private static final String SHOWN = "'" + "x".repeat(40) + "..." + "x".repeat(20) + "' (100000 characters)";

    private static String refused(final String... args)
    {
        final CommandLineRun run = CommandLineRun.of(args);
        assertEquals(2, run.exitCode(), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        return run.errorLine();
    }

    @Test
    void unknownPresetMethodAndModelAreQuotedShortAndOnOneLine()
    {
        assertTrue(refused("neuron", "--preset", HUGE).startsWith("sim: unknown preset " + SHOWN + "; did you mean '"));
        assertEquals("sim: --method: unknown method " + SHOWN + "; expected one of euler, semi_implicit_euler, " +
            "halfstep, rk4", refused("neuron", "--method", HUGE));
        assertEquals("sim: --model must be 2003 or 2007, got " + SHOWN, refused("neuron", "--model", HUGE));

        assertEquals("sim: unknown preset 'R\\u000aS\\u001b[31m'; did you mean 'RS'? (run 'sim neuron --list' to see all " +
            "37 presets)", refused("neuron", "--preset", "R\nS\u001b[31m"));
        assertEquals("sim: --model must be 2003 or 2007, got '20\\u000a07'", refused("neuron", "--model", "20\n07"));
    }

    @Test
    void optionParserMessagesQuoteLongValuesShortAndEscapeControlCharacters()
    {
        assertEquals("sim: Invalid value for option '--dt': " + SHOWN + " is not a decimal number (write numbers as in " +
            "experiment files: 8, -0.5, 1e-3) (see 'sim neuron --help')",
            refused("neuron", "--dt", HUGE));
        assertEquals("sim: Unmatched argument at index 1: " + SHOWN + " (see 'sim neuron --help')",
            refused("neuron", HUGE));
        assertEquals("sim: Invalid value for option '--dt': '0.1\\u000a\\u001b[2J' is not a decimal number (write " +
            "numbers as in experiment files: 8, -0.5, 1e-3) (see 'sim neuron --help')",
            refused("neuron", "--dt", "0.1\n\u001b[2J"));
        final String[] many = new String[3_001];
        many[0] = "gallery";
        for (int k = 1; k < many.length; k++)
        {
            many[k] = Integer.toString(k);
        }
        final String line = refused(many);
        assertTrue(line.length() < 500, line.length() + " characters: " + line);
        assertTrue(line.startsWith("sim: Unmatched arguments from index 1: '1', '2', "), line);
    }

    @Test
    void aFileNameWithControlCharactersIsEscapedInItsOneLine()
    {
        assertEquals("sim: a\\u000ab\\u001b[31m.yaml: no such file", refused("neuron", "--stimulus", "a\nb\u001b[31m.yaml"));
    }
}
