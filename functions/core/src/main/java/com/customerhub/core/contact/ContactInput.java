package com.customerhub.core.contact;

import java.util.List;

/** A validated contact request: the person, the roles at the account, and the primary flag if sent. */
public record ContactInput(Person person, List<String> roles, Boolean primary) {
}
