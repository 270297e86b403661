package com.customerhub.core.customer;

import com.customerhub.core.validation.EmailAddresses;
import com.customerhub.core.validation.FieldReader;
import com.customerhub.core.validation.PhoneNumbers;
import com.customerhub.core.validation.Ids;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.LocalDate;

/**
 * Turns a client's JSON into a {@link CustomerDraft}: every field checked, every problem reported
 * at once, values normalised (E.164 mobile, lower-case email, name defaulted to the mobile).
 */
@Singleton
public class CustomerValidator {
    static final int NAME = 200;
    static final int SHORT = 100;
    static final int NOTES = 4000;

    private final PhoneNumbers phones;
    private final Clock clock;

    public CustomerValidator(PhoneNumbers phones, Clock clock) {
        this.phones = phones;
        this.clock = clock;
    }

    public CustomerDraft validate(ObjectNode body) {
        FieldReader in = new FieldReader(body);
        in.ignore("id", "stats", "authorized", "version", "createdAt", "updatedAt");

        CustomerType type = in.enumValue("customerType", CustomerType.class);
        String rawMobile = in.required("mobile", 40);
        String mobile = null;
        if (rawMobile != null) {
            mobile = phones.toE164(rawMobile).orElse(null);
            if (mobile == null) {
                in.error("mobile", "must be a valid phone number in E.164 with its country prefix, e.g. +393331234567");
            }
        }
        String rawEmail = in.string("email", 254);
        String email = null;
        if (rawEmail != null) {
            email = EmailAddresses.normalize(rawEmail).orElse(null);
            if (email == null) {
                in.error("email", "must be a valid email address");
            }
        }
        LocalDate birthDate = in.date("birthDate");
        if (birthDate != null && (birthDate.isAfter(LocalDate.now(clock)) || birthDate.getYear() < 1900)) {
            in.error("birthDate", "must be between 1900-01-01 and today");
        }
        String parentId = in.string("parentId", 64);
        if (parentId != null && !Ids.isValid(parentId)) {
            in.error("parentId", "must be a customer id");
        }
        Address address = address(in.nested("address"));
        String name = in.string("name", NAME);
        CustomerDraft draft = new CustomerDraft(
                type == null ? CustomerType.B2C : type,
                name == null ? mobile : name,
                in.string("firstName", SHORT),
                in.string("lastName", SHORT),
                birthDate,
                in.string("gender", 32),
                in.string("maritalStatus", 32),
                mobile,
                email,
                address,
                in.string("company", NAME),
                in.string("sector", SHORT),
                in.string("jobTitle", SHORT),
                in.stringList("interests", 50, SHORT),
                in.enumList("preferredChannels", Channel.class),
                orDefault(in.integer("priority", 1, 9), 5),
                in.string("defaultSkillset", SHORT),
                in.string("notes", NOTES),
                in.string("externalId", SHORT),
                in.bool("keepHistory"),
                in.bool("bypassBot"),
                in.stringList("tags", 30, 50),
                in.string("responsibleUser", 128),
                in.string("contactClass", 64),
                parentId,
                in.bool("restricted"));
        in.throwIfInvalid();
        return draft;
    }

    private static Address address(FieldReader in) {
        if (in == null) {
            return null;
        }
        Address address = new Address(
                in.string("line1", NAME), in.string("line2", NAME), in.string("postalCode", 20),
                in.string("city", SHORT), in.string("region", SHORT), in.string("country", SHORT));
        in.checkUnknown();
        return address;
    }

    private static Integer orDefault(Integer value, int fallback) {
        return value == null ? fallback : value;
    }
}
