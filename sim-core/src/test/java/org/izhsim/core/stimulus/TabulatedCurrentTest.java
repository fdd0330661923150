package org.izhsim.core.stimulus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.izhsim.core.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TabulatedCurrentTest
{
    @TempDir
    Path dir;

    private Path csv(final String text) throws IOException
    {
        return Files.writeString(dir.resolve("stim.csv"), text);
    }

    private String error(final String text) throws IOException
    {
        final Path file = csv(text);
        return assertThrows(InputException.class, () -> TabulatedCurrent.fromCsv(file)).getMessage()
            .substring(file.toString().length());
    }

    @Test
    void interpolatesLinearlyAndHoldsTheEndValues() throws IOException
    {
        final TabulatedCurrent table = TabulatedCurrent.fromCsv(csv("t_ms,current\n0,0\n10,5\n\n20, -5\n"));
        assertEquals(3, table.size());
        assertEquals(0.0, table.current(-1, 0));
        assertEquals(2.5, table.current(5, 0), 1e-12);
        assertEquals(5.0, table.current(10, 0));
        assertEquals(0.0, table.current(15, 0), 1e-12);
        assertEquals(-5.0, table.current(99, 0));
    }

    @Test
    void malformedFilesAreReportedAtTheirLineAndColumn() throws IOException
    {
        assertEquals(":1:1: expected the header 't_ms,current', got 'time,I'", error("time,I\n0,1\n"));
        assertEquals(":3:5: the current 'abc' is not a number", error("t_ms,current\n0,1\n10, abc\n"));
        assertEquals(":2:1: the time 'x' is not a number", error("t_ms,current\nx,1\n"));
        assertEquals(":3:1: time 5.0 ms does not increase on the previous row's 10.0 ms", error("t_ms,current\n10,1\n5,2\n"));
        assertEquals(":2:1: expected two comma-separated fields, got '1,2,3'", error("t_ms,current\n1,2,3\n"));
        assertEquals(":2:1: the time must be finite, got 'NaN'", error("t_ms,current\nNaN,2\n"));
        assertEquals(":1:1: empty stimulus file, expected the header 't_ms,current'", error(""));
        assertEquals(":2:1: no data rows after the header", error("t_ms,current\n"));
    }

    @Test
    void missingFileIsAnInputError()
    {
        final Path missing = dir.resolve("missing.csv");
        final InputException ex = assertThrows(InputException.class, () -> TabulatedCurrent.fromCsv(missing));
        assertEquals(missing + ": cannot read stimulus file: " + missing, ex.getMessage());
    }
}
