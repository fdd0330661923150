package org.izhsim.output.plot;

import java.nio.file.Path;

/**
 * A figure described by data, laid out afresh by {@link #build()} and written to PNG or SVG from the same
 * layout.
 */
public interface FigureBuilder
{
    /**
     * @return the laid-out figure.
     */
    Figure build();

    default void writePng(final Path file)
    {
        build().writePng(file);
    }

    default void writeSvg(final Path file)
    {
        build().writeSvg(file);
    }
}
