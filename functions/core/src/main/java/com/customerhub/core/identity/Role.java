package com.customerhub.core.identity;

import java.util.Locale;
import java.util.Optional;

/** The groups of API.md's identity model. */
public enum Role {
    ADMIN, AGENT, VIEWER, DPO, INTEGRATION;

    public String claimValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromClaim(String value) {
        for (Role role : values()) {
            if (role.claimValue().equals(value)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
