package com.customerhub.core.contact;

/** A typed email address (WORK, HOME, OTHER), lower-cased. */
public record EmailAddress(String type, String address) {
}
