package org.cir4j.world.query;

import java.util.List;

/**
 * What one edit of a query did, for analysis and tests: the phrasing family, the aspect, a short
 * human-readable summary, and the words every phrasing of this edit must contain ({@code mentions}:
 * the new value, the count, …), so a test can verify that the caption really states the edit.
 */
public record EditRecord(String family, CircoAspect aspect, String summary, List<String> mentions) {
    public EditRecord {
        mentions = List.copyOf(mentions);
    }
}
