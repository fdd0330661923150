/**
 * A small plotting library for the figures: axes, series, PNG and SVG canvases.
 */
package org.izhsim.output.plot;
