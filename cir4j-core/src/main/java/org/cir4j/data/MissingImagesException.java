package org.cir4j.data;

import java.util.List;

/** Image files named by a split are absent and the policy is {@link MissingImagePolicy#FAIL}. */
public class MissingImagesException extends DatasetException {
    private final int missingCount;
    private final List<String> firstMissing;

    public MissingImagesException(String dataset, int missingCount, int total, List<String> firstMissing) {
        super(dataset + ": " + missingCount + " of " + total + " images are missing on disk; first: "
                + String.join(", ", firstMissing)
                + " (fix the download, or load with MissingImagePolicy.SKIP_WITH_WARNING to evaluate without them)");
        this.missingCount = missingCount;
        this.firstMissing = List.copyOf(firstMissing);
    }

    public int missingCount() {
        return missingCount;
    }

    public List<String> firstMissing() {
        return firstMissing;
    }
}
