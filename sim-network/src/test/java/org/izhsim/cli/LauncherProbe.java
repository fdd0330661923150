package org.izhsim.cli;

/** {@link LauncherTest}'s stand-in for the main jar: prints how the launcher started it. */
public final class LauncherProbe
{
    private LauncherProbe()
    {
    }

    public static void main(final String[] args)
    {
        System.out.println("probe jnu=" + System.getProperty("sun.jnu.encoding") + " tty=" +
            System.getProperty("izhsim.stderr.tty") + " messages=" + System.getenv("LC_MESSAGES") + " all=" +
            System.getenv("LC_ALL") + " args=" + String.join("|", args));
    }
}
