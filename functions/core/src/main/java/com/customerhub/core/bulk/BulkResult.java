package com.customerhub.core.bulk;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** What a bulk action did to each selected customer. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BulkResult(String action, int selected, int done, int unchanged, int failed, List<Item> results,
                         String nextCursor, String exportId) {

    public BulkResult(String action, int selected, int done, int unchanged, int failed, List<Item> results, String nextCursor) {
        this(action, selected, done, unchanged, failed, results, nextCursor, null);
    }


    /** One customer's outcome: DONE, UNCHANGED, NOT_FOUND or FAILED, with the reason when it failed. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(String id, String status, Integer httpStatus, String detail) {
    }
}
