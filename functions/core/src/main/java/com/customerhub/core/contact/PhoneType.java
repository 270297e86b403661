package com.customerhub.core.contact;

/** Kinds of phone number a contact may have. */
public enum PhoneType { MOBILE, OFFICE, HOME, OTHER }
