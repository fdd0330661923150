/**
 * Output files and console progress: CSV, NumPy, JSON summary, figures, the output folder.
 */
package org.izhsim.output;
