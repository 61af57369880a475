/**
 * Random scenes and layouts, each drawn from its own seeded stream ({@link org.cir4j.world.sample.Seeds})
 * so that generation is deterministic on any number of threads.
 */
package org.cir4j.world.sample;
