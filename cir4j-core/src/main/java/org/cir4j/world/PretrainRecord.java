package org.cir4j.world;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** One line of {@code <domain>/pretrain.jsonl}: an image (relative to the domain folder) and its captions. */
public record PretrainRecord(@JsonProperty("image") String image, @JsonProperty("captions") List<String> captions) {}
