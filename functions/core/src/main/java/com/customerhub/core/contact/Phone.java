package com.customerhub.core.contact;

/** A typed phone number in E.164. */
public record Phone(PhoneType type, String number) {
}
