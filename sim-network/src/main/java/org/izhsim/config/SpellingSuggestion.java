package org.izhsim.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * The "did you mean" of config errors: the valid name nearest to a misspelt one, by optimal string
 * alignment distance (Levenshtein plus adjacent transposition, so {@code weigth -> weight} costs 1), or
 * the valid name that only adds a unit suffix ({@code onset -> onset_ms}).
 */
final class SpellingSuggestion
{
    private SpellingSuggestion()
    {
    }

    /**
     * @param typed what the user wrote.
     * @param valid the names valid at that place.
     * @return the valid name that is {@code typed} plus a suffix such as {@code _ms}, else the nearest
     *         valid name when it is close enough to be a typo: at most one edit per three characters, at
     *         most two edits, never a suggestion for a name that only shares its length.
     */
    static Optional<String> nearest(final String typed, final Collection<String> valid)
    {
        // A name without its unit suffix (onset for onset_ms, rate for rate_hz) is the commonest slip.
        for (final String candidate : valid)
        {
            if (candidate.startsWith(typed + "_"))
            {
                return Optional.of(candidate);
            }
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (final String candidate : valid)
        {
            final int distance = distance(typed.toLowerCase(Locale.ROOT), candidate);
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }
        final int allowed = Math.min(2, Math.max(1, typed.length() / 3));
        return best != null && bestDistance <= allowed && bestDistance < typed.length() ? Optional.of(best) : Optional.empty();
    }

    static int distance(final String a, final String b)
    {
        final int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++)
        {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++)
        {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++)
        {
            for (int j = 1; j <= b.length(); j++)
            {
                final int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1))
                {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /**
     * @return {@code ", did you mean 'x'?"} or {@code " (valid: a, b, c)"} with {@code validWhat = "valid: "}, to append to "unknown ... 'typed'".
     */
    static String hint(final String typed, final Collection<String> valid, final String validWhat)
    {
        return nearest(typed, valid)
            .map(name -> ", did you mean '" + name + "'?")
            .orElseGet(() -> " (" + validWhat + String.join(", ", valid) + ")");
    }
}
