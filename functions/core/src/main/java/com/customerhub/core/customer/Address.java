package com.customerhub.core.customer;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A postal address; every part optional. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Address(String line1, String line2, String postalCode, String city, String region, String country) {
}
