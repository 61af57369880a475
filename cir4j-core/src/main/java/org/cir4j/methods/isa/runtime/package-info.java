/**
 * A minimal runtime for an exported ISA query model: plain Java over float arrays (own safetensors reader,
 * convolutions, GroupNorm, attention), no DJL and nothing shared with the training-side model — the code a
 * device port starts from.
 */
package org.cir4j.methods.isa.runtime;
