package org.cir4j.data;

import java.util.List;

/**
 * Which images a reader found missing and what it dropped because of them (empty under
 * {@link MissingImagePolicy#FAIL}, which throws instead).
 *
 * @param missingImages    number of gallery images whose file does not exist
 * @param firstMissing     the first few missing names with their expected paths, for messages
 * @param droppedQueries   number of queries dropped because they mention a missing image
 * @param firstDroppedIds  the first few dropped query ids
 */
public record MissingImageReport(int missingImages, List<String> firstMissing, int droppedQueries, List<String> firstDroppedIds) {
    /** How many names/ids are kept for messages. */
    public static final int SAMPLE = 10;

    public static final MissingImageReport NONE = new MissingImageReport(0, List.of(), 0, List.of());

    public MissingImageReport {
        firstMissing = List.copyOf(firstMissing);
        firstDroppedIds = List.copyOf(firstDroppedIds);
    }

    public boolean isEmpty() {
        return missingImages == 0 && droppedQueries == 0;
    }

    /** One line for logs and reports. */
    public String summary() {
        if (isEmpty()) {
            return "no missing images";
        }
        return missingImages + " missing image(s) skipped (first: " + String.join(", ", firstMissing) + "); "
                + droppedQueries + " quer" + (droppedQueries == 1 ? "y" : "ies") + " dropped"
                + (firstDroppedIds.isEmpty() ? "" : " (first: " + String.join(", ", firstDroppedIds) + ")");
    }
}
