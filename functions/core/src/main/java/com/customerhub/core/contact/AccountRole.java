package com.customerhub.core.contact;

import java.util.List;

/** One account a person is a contact of, with their roles there. */
public record AccountRole(String customerId, List<String> roles) {
}
