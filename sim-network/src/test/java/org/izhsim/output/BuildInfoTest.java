package org.izhsim.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** The build line of --version and summary.json's provenance. */
class BuildInfoTest
{
    @Test
    void theLineGivesTheCommitItsTimeAndUncommittedChanges()
    {
        final String commit = "0ddc84286afdcfc750b9d82c1a0f96c64c6e1c99";
        assertEquals("izhsim 0.1.0 (commit 0ddc84286afd, 2026-12-07T00:55:52Z)",
            new BuildInfo("0.1.0", commit, "2026-12-07T00:55:52Z", false).describe());
        assertEquals("izhsim 0.1.0 (commit 0ddc84286afd, 2026-12-07T00:55:52Z, with uncommitted changes)",
            new BuildInfo("0.1.0", commit, "2026-12-07T00:55:52Z", true).describe());
        assertEquals("izhsim 0.1.0 (built outside a git checkout: no commit known)",
            new BuildInfo("0.1.0", null, null, false).describe());
    }

    @Test
    void theRunningBuildKnowsItsVersion()
    {
        // Maven filled in build.properties; an unfilled "${project.version}" would read "unknown".
        assertNotEquals("unknown", BuildInfo.running().version());
    }
}
