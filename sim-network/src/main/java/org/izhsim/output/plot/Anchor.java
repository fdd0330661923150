package org.izhsim.output.plot;

/**
 * Which point of a text run sits at the given x (along the text direction).
 */
public enum Anchor
{
    START, MIDDLE, END
}
