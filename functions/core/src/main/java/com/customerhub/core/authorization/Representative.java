package com.customerhub.core.authorization;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The person who may act for the customer. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Representative(String name, String mobile, String email, String relation) {
}
