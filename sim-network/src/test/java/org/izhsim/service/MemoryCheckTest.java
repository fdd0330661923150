package org.izhsim.service;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.izhsim.core.InputException;
import org.izhsim.network.build.MemoryEstimate;
import org.junit.jupiter.api.Test;

/** Under MPI each rank checks its own share, and what it prints or refuses names the rank. */
class MemoryCheckTest
{
    @Test
    void aRanksShareThatDoesNotFitIsRefusedNamingTheRank()
    {
        final long tooMuch = Runtime.getRuntime().maxMemory() * 2;
        final MemoryEstimate share = new MemoryEstimate(1, tooMuch, 0, 0, 0, 0, 0, 0, 0);
        final StringWriter printed = new StringWriter();
        final InputException e = assertThrows(InputException.class,
            () -> MemoryCheck.require("big", share, 1, new PrintWriter(printed, true), "rank 2 of 4", 0));
        assertTrue(printed.toString().startsWith("big: memory estimate (rank 2 of 4's share) about "), printed.toString());
        assertTrue(e.getMessage().startsWith("big needs on rank 2 of 4 about "), e.getMessage());
        assertTrue(e.getMessage().endsWith(", or more ranks"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line");
    }

    @Test
    void aSingleProcessRefusalSaysNothingOfRanks()
    {
        final MemoryEstimate whole = new MemoryEstimate(1, Runtime.getRuntime().maxMemory() * 2, 0, 0, 0, 0, 0, 0, 0);
        final InputException e = assertThrows(InputException.class, () -> MemoryCheck.require("big", whole, 1, null));
        assertTrue(e.getMessage().startsWith("big needs about "), e.getMessage());
        assertTrue(!e.getMessage().contains("rank"), e.getMessage());
    }
}
