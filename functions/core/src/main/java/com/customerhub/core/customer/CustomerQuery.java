package com.customerhub.core.customer;

import java.time.Instant;

/** The filters of {@code GET /customers}, already parsed. Null means "not filtered". */
public record CustomerQuery(String q, String tag, String responsibleUser, Instant updatedSince) {
}
