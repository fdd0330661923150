/**
 * External drives added to the neurons' input each step: noise, dc, Poisson trains.
 */
package org.izhsim.network.input;
