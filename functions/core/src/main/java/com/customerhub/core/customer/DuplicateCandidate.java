package com.customerhub.core.customer;

import java.util.List;

/** A customer that may be the same as another, and why. */
public record DuplicateCandidate(Customer customer, List<String> reasons) {
}
