package com.customerhub.core.identity;

import java.util.Optional;
import java.util.Set;

/**
 * Who is calling: the tenant every key is prefixed with, the user, the roles and, when the token
 * lists them, the contact classes the user may see (empty optional = all classes).
 */
public record Identity(String tenantId, String userId, Set<Role> roles, Optional<Set<String>> contactClasses) {

    public Identity {
        roles = Set.copyOf(roles);
        contactClasses = contactClasses.map(Set::copyOf);
    }

    public boolean hasAnyRole(Set<Role> allowed) {
        return roles.stream().anyMatch(allowed::contains);
    }

    /** Whether this user may see a customer of the given contact class (null = unclassified). */
    public boolean maySee(String contactClass) {
        return contactClasses.map(classes -> contactClass != null && classes.contains(contactClass)).orElse(true);
    }
}
