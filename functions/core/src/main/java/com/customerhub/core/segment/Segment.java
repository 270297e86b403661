package com.customerhub.core.segment;

import com.customerhub.core.data.VersionedDocuments;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/** A named condition over customers (the language of alert rules), e.g. "VIP in Lombardia". */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Segment(String id, String name, String description, JsonNode filter, long version,
                      Instant createdAt, Instant updatedAt) implements VersionedDocuments.Document {
}
