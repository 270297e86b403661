package com.customerhub.core.settings;

import java.util.List;

/**
 * The customer fields an external source may propose (enrichment) and a tenant may allow it to
 * overwrite. Fields that steer access or processing (contact class, responsible user, parent,
 * restriction, tags, priority, flags) stay with the people who use the product.
 */
public final class EnrichableFields {
    public static final List<String> NAMES = List.of("customerType", "name", "firstName", "lastName", "birthDate",
            "gender", "maritalStatus", "mobile", "email", "address", "company", "sector", "jobTitle", "interests",
            "preferredChannels", "externalId");

    private EnrichableFields() {
    }
}
