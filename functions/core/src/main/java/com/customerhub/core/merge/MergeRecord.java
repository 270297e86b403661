package com.customerhub.core.merge;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/** A merge as kept for its undo: who merged what into what, and the survivor's versions right after. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MergeRecord(String id, String survivorId, List<String> mergedIds, String status, String mergedBy,
                          Instant mergedAt, long survivorVersion, long survivorStatsVersion, List<String> partitions,
                          String undoneBy, Instant undoneAt) {
    public static final String MERGED = "MERGED";
    public static final String UNDONE = "UNDONE";
}
