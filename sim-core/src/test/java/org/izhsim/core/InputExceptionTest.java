package org.izhsim.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class InputExceptionTest
{
    @Test
    void controlCharactersAreEscapedAndATabKeptOnRequest()
    {
        assertEquals("a\\u000ab\\u001b[31m", InputException.escaped("a\nb\u001b[31m", false));
        assertEquals("a\tb\\u0009", InputException.escaped("a\tb", true) + InputException.escaped("\t", false));
    }

    /**
     * A key that began with U+2028 (a line separator) was quoted as ' duration_ms', and a right-to-left override in a
     * name turned the rest of the message around on a terminal: invisible characters are escaped too.
     */
    @Test
    void invisibleCharactersAreEscapedSoThatAValueShowsWhatItHolds()
    {
        assertEquals("'\\u2028duration_ms'", InputException.quoted("\u2028duration_ms"));
        assertEquals("a\\u202eb \\u2029 x\\u200by \\ufeff", InputException.escaped("a\u202eb \u2029 x\u200by \ufeff", true));
        assertEquals("caf\u00e9 \u5b9e\u9a8c \u00fcn\u00efc\u00f6d\u00e9", InputException.escaped("caf\u00e9 \u5b9e\u9a8c \u00fcn\u00efc\u00f6d\u00e9", false));
    }

    /** A Java API caller got no stack trace, so the call that passed a bad value could not be found. */
    @org.junit.jupiter.api.Test
    void itCarriesTheStackTraceOfTheCallThatMadeIt()
    {
        final InputException ex = new InputException("a run needs at least 1 step, got 0");
        org.junit.jupiter.api.Assertions.assertTrue(ex.getStackTrace().length > 0);
        org.junit.jupiter.api.Assertions.assertEquals("itCarriesTheStackTraceOfTheCallThatMadeIt",
            ex.getStackTrace()[0].getMethodName());
    }
}
