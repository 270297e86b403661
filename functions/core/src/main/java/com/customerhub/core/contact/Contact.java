package com.customerhub.core.contact;

import com.customerhub.core.data.Versioned;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.time.Instant;
import java.util.List;

/**
 * A person as a contact of one account: the person's fields (shared by all their accounts), their
 * roles at this account and whether they are its primary contact.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Contact(String id, String customerId, @JsonUnwrapped Person person, List<String> roles, boolean primary,
                      long version, Instant createdAt, Instant updatedAt, List<AccountRole> accounts) implements Versioned {

    /** The same contact with the list of all accounts the person is related to (single reads only). */
    public Contact withAccounts(List<AccountRole> all) {
        return new Contact(id, customerId, person, roles, primary, version, createdAt, updatedAt, all);
    }

    /** The contact as a client sees it: preferences of channels the tenant disabled left out. */
    public Contact shown(java.util.Set<com.customerhub.core.customer.Channel> enabled) {
        return new Contact(id, customerId, person == null ? null : person.shown(enabled), roles, primary, version, createdAt,
                updatedAt, accounts);
    }
}
