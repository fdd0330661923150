package org.izhsim.config;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.izhsim.core.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Messages give the line and column a user's editor shows: lines end at '\n', "\r\n" or a lone '\r' (old Mac
 * files), a column is one character however Java stores it (an emoji is one column, two chars), and a byte-order
 * mark at the start takes no column. A CR-only file's expression error pointed at the value's quote, the reader's
 * errors at line 1; a BOM or an emoji earlier on the line moved the column.
 */
class EditorLinesAndColumnsTest
{
    private static final String FILE = "x.yaml";
    private static final String EMOJI = "\uD83D\uDE00";
    private static final String PARAMS = "params: {a: 0.02, b: 0.2, c: -65, d: 8}";

    @TempDir
    Path folder;

    private static String errorOf(final String yaml)
    {
        return assertThrows(InputException.class, () -> NetworkAssembler.plan(ExperimentLoader.parse(yaml, FILE)))
            .getMessage();
    }

    private static String population(final String lineEnd, final String v0)
    {
        return String.join(lineEnd, "name: x", "populations:", "  e:", "    size: 10", "    " + PARAMS,
            "    v0: " + v0, "");
    }

    @Test
    void anExpressionErrorInACrOnlyFileIsAtItsLineAndColumn()
    {
        // "    v0: \"-65 + q\"": the quote is column 9, the q column 16.
        assertEquals(FILE + ":6:16: unknown variable 'q' in expression (allowed: r) in 'v0' = '-65 + q'",
            errorOf(population("\r", "\"-65 + q\"")));
        assertEquals(FILE + ":6:16: unknown variable 'q' in expression (allowed: r) in 'v0' = '-65 + q'",
            errorOf(population("\r\n", "\"-65 + q\"")));
        assertEquals(FILE + ":6:15: unknown variable 'q' in expression (allowed: r) in 'v0' = '-65 + q'",
            errorOf(population("\r", "-65 + q")));
    }

    @Test
    void aCharacterTheReaderRefusesInACrOnlyFileIsAtItsLineAndColumn()
    {
        assertTrue(errorOf(population("\r", "\u0001")).startsWith(FILE + ":6:9: YAML syntax error: "),
            errorOf(population("\r", "\u0001")));
        assertTrue(errorOf("description: \"" + EMOJI + "\u0001\"\r" + population("\r", "-65"))
            .startsWith(FILE + ":1:16: YAML syntax error: "));
    }

    @Test
    void aByteNotUtf8IsAtItsLineAndColumnInACrOnlyFile() throws Exception
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("name: x\r\rdescription: \"".getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(EMOJI.getBytes(StandardCharsets.UTF_8));
        bytes.write(0xff);
        bytes.writeBytes("\"\r".getBytes(StandardCharsets.UTF_8));
        final Path file = Files.write(folder.resolve("bad.yaml"), bytes.toByteArray());
        // 'description: "' is 14 columns, the emoji the 15th, the bad byte the 16th.
        assertEquals(file + ":3:16: the file is not UTF-8 text (byte 0xff at byte offset 27)",
            assertThrows(InputException.class, () -> ExperimentLoader.load(file)).getMessage());
    }

    @Test
    void aByteOrderMarkTakesNoColumn()
    {
        final String flow = "{duration_ms: 10, populations: {e: {size: 10, " + PARAMS.replace("d: 8", "d: \"8 + q\"") +
            "}}}\n";
        final int q = flow.indexOf('q') + 1;
        assertEquals(FILE + ":1:" + q + ": unknown variable 'q' in expression (allowed: r) in 'd' = '8 + q'",
            errorOf("\uFEFF" + flow));
        assertEquals(FILE + ":1:" + q + ": unknown variable 'q' in expression (allowed: r) in 'd' = '8 + q'",
            errorOf(flow));
        assertEquals(FILE + ":1:14: expected a number for 'duration_ms', got 'abc'",
            errorOf("\uFEFFduration_ms: abc\r" + population("\r", "-65")));
        assertEquals(FILE + ":2:7: 'name' must be a plain folder name without '/' or '\\', got 'a/b'",
            errorOf("\uFEFFseed: 1\rname: a/b\r"));
    }

    @Test
    void anEmojiEarlierOnTheLineIsOneColumn()
    {
        final String flow = "{description: \"" + EMOJI + "\", duration_ms: 10, populations: {e: {size: 10, " +
            PARAMS.replace("d: 8", "d: \"8 + q\"") + "}}}\n";
        // The column counts the emoji once: its index in chars less one.
        final int q = flow.indexOf('q');
        assertEquals(FILE + ":1:" + q + ": unknown variable 'q' in expression (allowed: r) in 'd' = '8 + q'",
            errorOf(flow));
        assertEquals(FILE + ":1:" + (q - 1) + ": unknown variable 'q' in expression (allowed: r) in 'd' = '8 + q'",
            errorOf(flow.replace("\"8 + q\"", "8 + q")));
        assertEquals(FILE + ":1:33: expected a number for 'duration_ms', got 'abc'",
            errorOf("{description: \"" + EMOJI + "\", duration_ms: abc}\n"));
    }

    @Test
    void anEmojiInAnExpressionIsNamedWhole()
    {
        final String message = errorOf("populations:\n  e: {size: 10, " + PARAMS.replace("d: 8", "d: \"" +
            EMOJI + "\"") + "}\n");
        assertEquals(FILE + ":2:" + (("  e: {size: 10, " + PARAMS).indexOf("8") + 2) + ": expected a number, " +
            "variable, function or '(' but found '" + EMOJI + "' in 'd' = '" + EMOJI + "'", message);
    }
}
