/**
 * Arithmetic expressions of one variable (parameters of r, weights of rand): parsing, checking and evaluation.
 */
package org.izhsim.expr;
