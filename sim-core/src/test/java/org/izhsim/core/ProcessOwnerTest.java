package org.izhsim.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import org.junit.jupiter.api.Test;

/** An owner judged from its record and from its file-name tag: the same verdicts. */
class ProcessOwnerTest
{
    private static final ProcessOwner ME = ProcessOwner.thisProcess();

    private static void assertVerdict(final boolean dead, final ProcessOwner owner)
    {
        assertEquals(dead, owner.certainlyDead(), owner.toString());
        assertEquals(dead, ProcessOwner.certainlyDead(owner.tag(), owner.pid()), owner + " as " + owner.tag());
    }

    @Test
    void thisProcessAndAnotherHostAreAlive()
    {
        assumeFalse(ME.host().isEmpty(), "a host without a name judges nobody dead");
        assertVerdict(false, ME);
        assertVerdict(false, new ProcessOwner(ME.host() + "-other", "", Long.MAX_VALUE));
    }

    @Test
    void anEndedProcessOrAnEarlierBootIsDead() throws Exception
    {
        assumeFalse(ME.host().isEmpty(), "a host without a name judges nobody dead");
        final Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        assertVerdict(true, new ProcessOwner(ME.host(), ME.boot(), ended.pid()));
        assertVerdict(true, new ProcessOwner(ME.host(), "", ended.pid()));
        assumeFalse(ME.boot().isEmpty(), "no boot id on this system");
        assertVerdict(true, new ProcessOwner(ME.host(), ME.boot() + "-earlier", ME.pid()));
    }

    @Test
    void aTagIsSixteenHexDigits()
    {
        assertTrue(ME.tag().matches("[0-9a-f]{16}"), ME.tag());
        assertFalse(ProcessOwner.certainlyDead("not a tag", 1));
    }
}
