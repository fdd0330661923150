package org.izhsim.network.engine;

import org.izhsim.core.InputException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpikeExchangesTest
{
    @Test
    void askingForMpiOnJava17SaysWhichJavaItNeedsInOneLine()
    {
        final InputException e = assertThrows(InputException.class, () -> SpikeExchanges.open("mpi", 64, 100, 17));
        assertEquals("MPI needs Java 22+; this is Java 17", e.getMessage());
    }

    @Test
    void aTransportMissingFromTheClassPathNamesTheModuleAndTheJdkItNeeds()
    {
        // sim-network's tests never have sim-mpi on their class path.
        final InputException e = assertThrows(InputException.class, () -> SpikeExchanges.open("mpi", 64, 100, 25));
        assertTrue(e.getMessage().startsWith("no spike exchange 'mpi' on the class path: the sim-mpi module"),
            e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void theLaunchersWorldSizeComesFromOpenMpiOrPmiVariables()
    {
        assertEquals(0, SpikeExchanges.launcherWorldSize(Map.of("PATH", "/usr/bin")));
        assertEquals(3, SpikeExchanges.launcherWorldSize(Map.of("OMPI_COMM_WORLD_SIZE", "3")));
        assertEquals(2, SpikeExchanges.launcherWorldSize(Map.of("PMI_SIZE", "2", "PMI_RANK", "1")));
        assertTrue(SpikeExchanges.mpiRequested(false, Map.of("PMI_SIZE", "1")));
        assertFalse(SpikeExchanges.mpiRequested(false, Map.of()));
        assertTrue(SpikeExchanges.mpiRequested(true, Map.of()));
        final InputException e = assertThrows(InputException.class,
            () -> SpikeExchanges.launcherWorldSize(Map.of("PMI_SIZE", "two")));
        assertEquals("the MPI launcher set PMI_SIZE=two, not a number", e.getMessage());
    }
}
