/**
 * Java2D rendering of scenes (anti-aliased, pure function of scene and resolution) and the shape,
 * garment, pattern and background drawing it uses.
 */
package org.cir4j.world.render;
