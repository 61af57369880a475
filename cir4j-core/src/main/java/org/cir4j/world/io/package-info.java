/**
 * Writing the world: atomic files, a fast PNG encoder, hard links into layout folders, and the CIRR,
 * CIRCO and FashionIQ published layouts.
 */
package org.cir4j.world.io;
