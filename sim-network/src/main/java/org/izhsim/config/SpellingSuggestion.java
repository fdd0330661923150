package org.izhsim.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The "did you mean" of config errors and of the explorer's request fields: the valid name nearest to a
 * misspelt one, by optimal string alignment distance (Levenshtein plus adjacent transposition, so
 * {@code weigth -> weight} costs 1), or the valid name that only adds a unit suffix ({@code onset -> onset_ms}).
 */
public final class SpellingSuggestion
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
        final List<String> names = nearestNames(typed, valid);
        return names.isEmpty() ? Optional.empty() : Optional.of(names.get(0));
    }

    /**
     * @return as {@link #nearest}, but every valid name at the same smallest distance, in the order given:
     *         {@code ofset_ms} is one edit from both {@code onset_ms} and {@code offset_ms}.
     */
    static List<String> nearestNames(final String typed, final Collection<String> valid)
    {
        // A name without its unit suffix (onset for onset_ms, rate for rate_hz) is the commonest slip.
        final String withSuffix = typed + "_";
        for (final String candidate : valid)
        {
            if (candidate.startsWith(withSuffix))
            {
                return List.of(candidate);
            }
        }
        final List<String> best = new ArrayList<>();
        int bestDistance = Integer.MAX_VALUE;
        final String lower = typed.toLowerCase(Locale.ROOT);
        for (final String candidate : valid)
        {
            // At most two edits are suggested, so a name whose length differs by more is no candidate: a 625,000
            // character name against 8,000 populations took 4 minutes of tables of (length + 1)^2 entries.
            if (Math.abs(candidate.length() - lower.length()) > 2)
            {
                continue;
            }
            final int distance = distance(lower, candidate);
            if (distance < bestDistance)
            {
                best.clear();
                bestDistance = distance;
            }
            if (distance == bestDistance)
            {
                best.add(candidate);
            }
        }
        final int allowed = Math.min(2, Math.max(1, typed.length() / 3));
        return bestDistance <= allowed && bestDistance < typed.length() ? best : List.of();
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
    public static String hint(final String typed, final Collection<String> valid, final String validWhat)
    {
        final List<String> names = nearestNames(typed, valid);
        if (!names.isEmpty())
        {
            final List<String> quoted = new ArrayList<>();
            for (final String name : names)
            {
                quoted.add(YamlDocument.quoted(name));
            }
            return ", did you mean " + String.join(" or ", quoted) + "?";
        }
        // Many or long names (populations) are cut: listed whole, they made the message longer than the cut of a
        // whole message, which then took its middle out.
        final StringBuilder list = new StringBuilder();
        for (final String name : valid)
        {
            final String shown = YamlDocument.shown(name);
            if (list.length() > 0 && list.length() + 2 + shown.length() > MAX_LISTED)
            {
                list.append(", ... (").append(valid.size()).append(" in all)");
                break;
            }
            list.append(list.length() > 0 ? ", " : "").append(shown);
        }
        return " (" + validWhat + list + ")";
    }

    /** The characters of valid names a hint lists before it gives their count instead. */
    private static final int MAX_LISTED = 200;
}
