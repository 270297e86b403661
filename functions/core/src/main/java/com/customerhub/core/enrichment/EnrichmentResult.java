package com.customerhub.core.enrichment;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/** What an enrichment did: each proposed field either applied (from, to) or skipped (why). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EnrichmentResult(String customerId, String source, long version, List<Applied> applied, List<Skipped> skipped) {

    public record Applied(String field, JsonNode oldValue, JsonNode newValue) {
    }

    /** {@code reason}: ALREADY_SET (the settings do not let enrichment overwrite it), UNCHANGED, or EMPTY (never clears). */
    public record Skipped(String field, Reason reason, String message) {
    }

    public enum Reason { ALREADY_SET, UNCHANGED, EMPTY }
}
