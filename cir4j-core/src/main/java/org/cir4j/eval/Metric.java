package org.cir4j.eval;

/**
 * One reported number.
 *
 * @param name  e.g. {@code "R@10"}, {@code "mAP@25"}, {@code "negation"}
 * @param value in percent (0–100) as the papers report; {@code NaN} when no query contributed
 * @param count how many queries the value averages over
 */
public record Metric(String name, double value, int count) {}
