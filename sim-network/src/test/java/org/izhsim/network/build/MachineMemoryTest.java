package org.izhsim.network.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The machine's memory read from /proc/meminfo's text; what cannot be read is unknown, and no check is made. */
class MachineMemoryTest
{
    @Test
    void procMeminfoGivesTheMachinesTotalAndAvailableMemoryInBytes()
    {
        final List<String> text = List.of(
            "MemTotal:       24545172 kB",
            "MemFree:         1203468 kB",
            "MemAvailable:   15627316 kB",
            "Buffers:          412100 kB",
            "HugePages_Total:       0");
        assertEquals(new MachineMemory(24545172L * 1024, 15627316L * 1024), MachineMemory.parse(text));
    }

    @Test
    void aKernelWithoutMemAvailableGivesTheTotalAlone()
    {
        assertEquals(new MachineMemory(2048L * 1024, -1),
            MachineMemory.parse(List.of("MemTotal: 2048 kB", "MemFree: 1024 kB")));
    }

    @Test
    void unreadableTextIsUnknown()
    {
        assertEquals(MachineMemory.UNKNOWN, MachineMemory.parse(List.of()));
        assertEquals(MachineMemory.UNKNOWN, MachineMemory.parse(List.of("MemTotal: lots kB", "MemAvailable: 5 kB")));
        assertEquals(MachineMemory.UNKNOWN, MachineMemory.parse(List.of("MemTotal: 2048 MB")));
    }

    @Test
    void thisMachinesMemoryIsReadWhereLinuxGivesIt()
    {
        final MachineMemory here = MachineMemory.ofThisMachine();
        if (java.nio.file.Files.isReadable(java.nio.file.Path.of("/proc/meminfo")))
        {
            org.junit.jupiter.api.Assertions.assertTrue(here.totalBytes() > 0, here.toString());
        }
        else
        {
            assertEquals(MachineMemory.UNKNOWN, here);
        }
    }

    /**
     * In a container /proc/meminfo gives the host's memory (docker --memory 8g on a 64 GB host passed a 30 GB
     * network): the control group's limit bounds the total and the available memory; "max", a missing file or v1's
     * no-limit number (near 2^63) leave the host's.
     */
    @Test
    void aControlGroupsMemoryLimitBoundsTheMachinesMemory()
    {
        final MachineMemory host = new MachineMemory(64L << 30, 40L << 30);
        assertEquals(new MachineMemory(8L << 30, 8L << 30), host.withLimit(MachineMemory.limit("8589934592\n")));
        assertEquals(new MachineMemory(48L << 30, 40L << 30), host.withLimit(48L << 30));
        assertEquals(host, host.withLimit(MachineMemory.limit("max\n")));
        assertEquals(host, host.withLimit(MachineMemory.limit("9223372036854771712")));
        assertEquals(host, host.withLimit(MachineMemory.limitOf(java.nio.file.Path.of("/nonexistent/memory.max"))));
        assertEquals(-1, MachineMemory.limit("lots"));
    }

    /**
     * Only the root's limit files were read: a limit on the process's own group (systemd-run --scope -p MemoryMax=...)
     * or on a parent went unseen. The tightest along the process's group and its parents counts, v2 and v1 alike.
     */
    @Test
    void theTightestLimitAlongTheProcesssOwnControlGroupCounts(@org.junit.jupiter.api.io.TempDir final
        java.nio.file.Path root) throws java.io.IOException
    {
        final java.nio.file.Path leaf = java.nio.file.Files.createDirectories(root.resolve("user.slice/run-1.scope"));
        java.nio.file.Files.writeString(root.resolve("memory.max"), "max\n");
        java.nio.file.Files.writeString(root.resolve("user.slice/memory.max"), "4294967296\n");
        java.nio.file.Files.writeString(leaf.resolve("memory.max"), "max\n");
        assertEquals(4L << 30, MachineMemory.cgroupLimit(root, List.of("0::/user.slice/run-1.scope")));
        java.nio.file.Files.writeString(leaf.resolve("memory.max"), "2147483648\n");
        assertEquals(2L << 30, MachineMemory.cgroupLimit(root, List.of("0::/user.slice/run-1.scope")));
        // v1: the memory controller's own hierarchy; other controllers' lines are not read.
        final java.nio.file.Path v1 = java.nio.file.Files.createDirectories(root.resolve("memory/process_api/7"));
        java.nio.file.Files.writeString(root.resolve("memory/memory.limit_in_bytes"), "9223372036854771712\n");
        java.nio.file.Files.writeString(v1.resolve("memory.limit_in_bytes"), "1073741824\n");
        assertEquals(1L << 30, MachineMemory.cgroupLimit(root, List.of("4:cpu,cpuacct:/process_api/7",
            "5:memory:/process_api/7")));
        assertEquals(-1, MachineMemory.cgroupLimit(root, List.of("4:cpu:/process_api/7")));
        assertEquals(-1, MachineMemory.cgroupLimit(root, List.of("0::/../../etc")), "nothing outside the root");
    }
}
