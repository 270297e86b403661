package com.customerhub.core.customer;

import java.time.Instant;
import java.util.function.Predicate;

/** The filters of {@code GET /customers}, already parsed. Null means "not filtered". */
public record CustomerQuery(String q, String tag, String responsibleUser, Instant updatedSince,
                            Predicate<Customer> segmentMembers) {

    public CustomerQuery(String q, String tag, String responsibleUser, Instant updatedSince) {
        this(q, tag, responsibleUser, updatedSince, null);
    }
}
