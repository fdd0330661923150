package org.izhsim.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.izhsim.core.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The experiment's name becomes the folder out/NAME, so it must be one plain folder name: '..' or '.' made
 * the run replace out/ or the working folder.
 */
class ExperimentNameTest
{
    private static final String EXC = "populations:\n  exc: {size: 10, params: {a: 0.02, b: 0.2, c: -65, d: 8}}\n";

    private static String errorOf(final String nameValue)
    {
        return assertThrows(InputException.class,
            () -> ExperimentLoader.parse(EXC + "name: " + nameValue + "\n", "configs/x.yaml")).getMessage();
    }

    @ParameterizedTest
    @ValueSource(strings = { "\"..\"", "\".\"", "..", "'.'" })
    void dotAndDotDotAreRefusedAtTheirValue(final String value)
    {
        assertEquals("configs/x.yaml:3:7: 'name' must be a plain folder name (not empty, '.' or '..'), got '" +
            value.replaceAll("[\"']", "") + "'", errorOf(value));
    }

    @Test
    void anEmptyNameIsRefused()
    {
        assertEquals("configs/x.yaml:3:7: expected a text for 'name', got an empty value", errorOf("\"\""));
    }

    @ParameterizedTest
    @ValueSource(strings = { "../../etc", "a/b", "/tmp/x", "'a\\b'" })
    void namesWithPathSeparatorsAreRefused(final String value)
    {
        assertEquals("configs/x.yaml:3:7: 'name' must be a plain folder name without '/' or '\\', got '" +
            value.replace("'", "") + "'", errorOf(value));
    }

    @Test
    void controlCharactersAndNulAreRefused()
    {
        assertEquals("configs/x.yaml:3:7: 'name' must be a plain folder name without control characters",
            errorOf("\"a\\0b\""));
        assertEquals("configs/x.yaml:3:7: 'name' must be a plain folder name without control characters",
            errorOf("\"a\\tb\""));
        // A right-to-left override and a zero-width space: the folder's name would read otherwise than it is.
        assertEquals("configs/x.yaml:3:7: 'name' must be a plain folder name without control characters",
            errorOf("\"run\\u202Eftp.exe\""));
        assertEquals("configs/x.yaml:3:7: 'name' must be a plain folder name without control characters",
            errorOf("\"a\\u200Bb\""));
    }

    /** "\ud800" has no UTF-8 form: validate took it and the run failed at its folder or at its first file. */
    @Test
    void aLoneSurrogateIsRefused()
    {
        assertEquals("configs/x.yaml:3:7: 'name' must be a plain folder name without unpaired surrogate characters " +
            "(no character has that code)", errorOf("\"a\\ud800b\""));
    }

    @Test
    void namesAreAtMost100BytesLong()
    {
        assertEquals("x".repeat(100), ExperimentLoader.parse(EXC + "name: " + "x".repeat(100) + "\n", "x.yaml").name());
        assertEquals("configs/x.yaml:3:7: 'name' must be at most 100 bytes long (UTF-8), got 101", errorOf("x".repeat(101)));
        assertEquals("configs/x.yaml:3:7: 'name' must be at most 100 bytes long (UTF-8), got 102", errorOf("é".repeat(51)));
    }

    @Test
    void aNameTakenFromTheFileNameIsCheckedToo()
    {
        final String message = assertThrows(InputException.class, () -> ExperimentLoader.parse(EXC, "..yaml"))
            .getMessage();
        assertEquals("..yaml:1:1: the experiment's name (taken from the file name when there is no 'name' key) " +
            "must be a plain folder name (not empty, '.' or '..'), got '.'", message);
        assertEquals("cortex-2003_v1.x", ExperimentLoader.parse(EXC, "configs/cortex-2003_v1.x.yaml").name());
    }
}
