package org.izhsim.service;

import org.izhsim.output.BuildInfo;
import picocli.CommandLine;

/** What {@code --version} (or {@code -V}) prints, on the top command and on each subcommand. */
public final class VersionText implements CommandLine.IVersionProvider
{
    @Override
    public String[] getVersion()
    {
        return new String[] {
            BuildInfo.running().describe(),
            "JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
        };
    }
}
