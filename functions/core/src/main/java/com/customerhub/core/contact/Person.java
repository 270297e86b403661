package com.customerhub.core.contact;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** What is known of a contact person, the same at every account they are a contact of. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Person(String title, String firstName, String lastName, List<Phone> phones, List<EmailAddress> emails,
                     Preferences preferences) {

    /** The person as a client sees it: preferences of channels the tenant disabled left out. */
    public Person shown(java.util.Set<com.customerhub.core.customer.Channel> enabled) {
        return preferences == null ? this : new Person(title, firstName, lastName, phones, emails, preferences.shown(enabled));
    }
}
