/**
 * What the command line and the browser explorer share, below both: the single-neuron run that
 * {@code sim neuron} options describe, and the outputs of an experiment's run. Depends on config, network and
 * output; neither face is visible from here.
 */
package org.izhsim.service;
