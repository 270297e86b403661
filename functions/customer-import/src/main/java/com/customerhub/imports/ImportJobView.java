package com.customerhub.imports;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * An import as API.md shows it. Until the apply starts, {@code counts} holds what applying would
 * do; from then on what has been done. {@code preview} always keeps what the validation found.
 * Once the tenant's report retention has passed, {@code reportUrl} is gone and {@code reportExpiredAt}
 * says when the report was deleted.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImportJobView(String id, String sourceKey, String mode, String status, boolean autoConfirm, String reason,
                            Counts counts, Counts preview, List<RowError> errors, String reportUrl,
                            Instant reportExpiredAt, Instant createdAt, Instant updatedAt) {
}
