package org.izhsim.output.plot;

/**
 * Figures are rendered on servers and in tests without a display: AWT must start headless, which it
 * only honours if the property is set before the first AWT class initialises.
 */
final class Headless
{
    private Headless()
    {
    }

    static void ensure()
    {
        if (System.getProperty("java.awt.headless") == null)
        {
            System.setProperty("java.awt.headless", "true");
        }
    }
}
