/**
 * Named published protocols: Izhikevich 2003 Fig. 2, the 20 features of 2004 Fig. 1, and the 2007 book
 * cell types, looked up with {@link org.izhsim.core.preset.Presets#byName}.
 */
package org.izhsim.core.preset;
