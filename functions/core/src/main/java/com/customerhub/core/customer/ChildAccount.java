package com.customerhub.core.customer;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An account below another in the hierarchy, as the parent's view lists it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChildAccount(String id, String name, CustomerType customerType, String contactClass) {
}
