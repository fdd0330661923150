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
}
