/**
 * Izhikevich point-neuron models: the 2003 simple model ({@link org.izhsim.core.model.SimpleModel}) with
 * the panel-specific variants of 2004 Fig. 1, the 2007 book model
 * ({@link org.izhsim.core.model.Izhikevich2007Model}) with its cell types
 * ({@link org.izhsim.core.model.CellType2007}), and the mutable {@link org.izhsim.core.model.NeuronState}
 * that integrators advance. Models are immutable and shareable.
 */
package org.izhsim.core.model;
