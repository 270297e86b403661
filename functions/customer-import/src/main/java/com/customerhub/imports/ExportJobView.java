package com.customerhub.imports;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/** An export as API.md shows it: status, a presigned download once done, and the row count. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExportJobView(String id, String status, String reason, String downloadUrl, long rows, Instant createdAt, Instant updatedAt) {
}
