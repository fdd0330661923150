package org.izhsim.bench;

import java.util.HashMap;
import java.util.Map;

/**
 * The one line of {@code key=value} pairs that both peers print when they finish.
 */
final class PeerOutput
{
    private PeerOutput()
    {
    }

    /** The pairs of the last line of {@code output} that holds {@code run_s=}; empty when there is none. */
    static Map<String, String> parse(final String output)
    {
        final Map<String, String> pairs = new HashMap<>();
        final String[] lines = output.split("\n");
        for (int i = lines.length - 1; i >= 0; i--)
        {
            if (lines[i].contains("run_s="))
            {
                for (final String token : lines[i].trim().split("\\s+"))
                {
                    final int eq = token.indexOf('=');
                    if (eq > 0)
                    {
                        pairs.put(token.substring(0, eq), token.substring(eq + 1));
                    }
                }
                break;
            }
        }
        return pairs;
    }

    /**
     * Why the times and spike count of {@code pairs} cannot be taken (a value missing, not a number, negative or not
     * finite), or null: a malformed value ended the bench with a NumberFormatException's stack trace, every result
     * lost, where any other failure of a peer is reported as that peer's.
     */
    static String unreadable(final Map<String, String> pairs)
    {
        for (final String key : new String[] {"run_s", "build_s", "cpu_s"})
        {
            final String value = pairs.get(key);
            final double number;
            try
            {
                number = value == null ? Double.NaN : Double.parseDouble(value);
            }
            catch (final NumberFormatException ex)
            {
                return "its output gives " + key + "=" + shortened(value) + ", not a number";
            }
            if (!(number >= 0 && number < Double.POSITIVE_INFINITY))
            {
                return "its output gives " + key + "=" + shortened(value) + ", not a time in seconds";
            }
        }
        final String spikes = pairs.get("spikes");
        try
        {
            if (spikes == null || Long.parseLong(spikes) < 0)
            {
                return "its output gives spikes=" + shortened(spikes) + ", not a count";
            }
        }
        catch (final NumberFormatException ex)
        {
            return "its output gives spikes=" + shortened(spikes) + ", not a count";
        }
        return null;
    }

    private static String shortened(final String value)
    {
        return value == null ? "(nothing)" : value.length() > 40 ? value.substring(0, 40) + "..." : value;
    }
}
