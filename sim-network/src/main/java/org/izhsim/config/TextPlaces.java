package org.izhsim.config;

import java.util.Arrays;

/**
 * Lines and columns of a text as a user's editor shows them, for messages: a line ends at {@code \n},
 * {@code \r\n} or a lone {@code \r} (old Mac files), a column is one code point (an emoji, a surrogate pair in
 * Java, is one column), and a byte-order mark at the start of the file takes no column. Places are given as code
 * point indices into the whole text, as SnakeYAML's marks and reader errors count them.
 * <p>
 * Messages computed lines by '\n' alone and columns in UTF-16 units or by the split lines' characters: a file with
 * '\r' line ends was one long line, a BOM or an emoji earlier on the line shifted an expression's column.
 */
final class TextPlaces
{
    private static final char BOM = '\uFEFF';

    private final String text;
    /** The index of each line's first character, in chars and in code points. */
    private final int[] lineStartChars;
    private final int[] lineStartCodePoints;
    private final int lines;
    private final boolean bom;

    TextPlaces(final String text)
    {
        this.text = text;
        this.bom = !text.isEmpty() && text.charAt(0) == BOM;
        int[] chars = new int[16];
        int[] codePoints = new int[16];
        int count = 1;
        int i = 0;
        int codePoint = 0;
        while (i < text.length())
        {
            final char c = text.charAt(i);
            if (c == '\n' || c == '\r')
            {
                final int breakLength = c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n' ? 2 : 1;
                i += breakLength;
                codePoint += breakLength;
                if (count == chars.length)
                {
                    chars = Arrays.copyOf(chars, 2 * count);
                    codePoints = Arrays.copyOf(codePoints, 2 * count);
                }
                chars[count] = i;
                codePoints[count] = codePoint;
                count++;
            }
            else
            {
                i += Character.isHighSurrogate(c) && i + 1 < text.length() &&
                    Character.isLowSurrogate(text.charAt(i + 1)) ? 2 : 1;
                codePoint++;
            }
        }
        this.lineStartChars = chars;
        this.lineStartCodePoints = codePoints;
        this.lines = count;
    }

    /**
     * @param codePointIndex a place in the text, 0-based, in code points (the end of the text is a place too).
     * @return {line, column}, both 1-based.
     */
    int[] lineAndColumn(final int codePointIndex)
    {
        final int line = lineOf(codePointIndex);
        final int column = codePointIndex - lineStartCodePoints[line] - (line == 0 && bom ? 1 : 0);
        return new int[] {line + 1, Math.max(0, column) + 1};
    }

    /**
     * @return the index in chars of the place {@code codePointIndex} (code points), at most the text's length.
     */
    int charIndex(final int codePointIndex)
    {
        final int line = lineOf(codePointIndex);
        final int start = lineStartChars[line];
        final int end = line + 1 < lines ? lineStartChars[line + 1] : text.length();
        final int wanted = codePointIndex - lineStartCodePoints[line];
        // Within the line: bounded by its end, so a place past the text gives its end rather than an exception.
        return wanted <= text.codePointCount(start, end) ? text.offsetByCodePoints(start, wanted) : end;
    }

    /**
     * @return the text of the place's line from its start (after a BOM) up to the place.
     */
    String lineBefore(final int codePointIndex)
    {
        final int line = lineOf(codePointIndex);
        final int start = lineStartChars[line] + (line == 0 && bom ? 1 : 0);
        return text.substring(Math.min(start, charIndex(codePointIndex)), charIndex(codePointIndex));
    }

    private int lineOf(final int codePointIndex)
    {
        final int found = Arrays.binarySearch(lineStartCodePoints, 0, lines, Math.max(0, codePointIndex));
        return found >= 0 ? found : -found - 2;
    }
}
