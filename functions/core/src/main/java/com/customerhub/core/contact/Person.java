package com.customerhub.core.contact;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** What is known of a contact person, the same at every account they are a contact of. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Person(String title, String firstName, String lastName, List<Phone> phones, List<EmailAddress> emails,
                     Preferences preferences) {
}
