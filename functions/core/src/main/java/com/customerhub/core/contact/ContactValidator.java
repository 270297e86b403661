package com.customerhub.core.contact;

import com.customerhub.core.validation.EmailAddresses;
import com.customerhub.core.validation.FieldReader;
import com.customerhub.core.validation.PhoneNumbers;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import com.customerhub.core.customer.Channel;

/**
 * Validates a contact: surname required, phones in E.164 by type, emails, and the preferences
 * that entering a channel's value ticks unless the request sets them (the contacts guide's rule).
 */
@Singleton
public class ContactValidator {
    static final List<String> EMAIL_TYPES = List.of("WORK", "HOME", "OTHER");

    private final PhoneNumbers phones;

    public ContactValidator(PhoneNumbers phones) {
        this.phones = phones;
    }

    /** A new contact with every channel enabled (tests, tools). */
    public ContactInput validate(ObjectNode body) {
        return validate(body, java.util.EnumSet.allOf(Channel.class), null);
    }

    /**
     * {@code enabled}: the tenant's channels; {@code before}: the stored preferences on an update
     * (null on a create), which a disabled channel keeps unless the request unticks it.
     */
    public ContactInput validate(ObjectNode body, Set<Channel> enabled, Preferences before) {
        FieldReader in = new FieldReader(body);
        in.ignore("id", "customerId", "version", "createdAt", "updatedAt");
        String title = in.string("title", 20);
        String firstName = in.string("firstName", 100);
        String lastName = in.required("lastName", 100);
        List<Phone> phoneList = new ArrayList<>();
        List<FieldReader> phoneReaders = in.objectList("phones", 10);
        if (phoneReaders != null) {
            for (FieldReader phone : phoneReaders) {
                PhoneType type = phone.enumValue("type", PhoneType.class);
                String raw = phone.required("number", 40);
                String number = raw == null ? null : phones.toE164(raw).orElse(null);
                if (raw != null && number == null) {
                    phone.error("number", "must be a valid phone number in E.164 with its country prefix");
                }
                phone.checkUnknown();
                if (number != null) {
                    phoneList.add(new Phone(type == null ? PhoneType.MOBILE : type, number));
                }
            }
        }
        List<EmailAddress> emailList = new ArrayList<>();
        List<FieldReader> emailReaders = in.objectList("emails", 10);
        if (emailReaders != null) {
            for (FieldReader email : emailReaders) {
                String type = email.string("type", 10);
                if (type != null && !EMAIL_TYPES.contains(type.toUpperCase(Locale.ROOT))) {
                    email.error("type", "must be one of " + EMAIL_TYPES);
                }
                String raw = email.required("address", 254);
                String address = raw == null ? null : EmailAddresses.normalize(raw).orElse(null);
                if (raw != null && address == null) {
                    email.error("address", "must be a valid email address");
                }
                email.checkUnknown();
                if (address != null) {
                    emailList.add(new EmailAddress(type == null ? "WORK" : type.toUpperCase(Locale.ROOT), address));
                }
            }
        }
        Preferences preferences = preferences(in.nested("preferences"), phoneList, emailList, enabled,
                before == null ? Preferences.none() : before);
        List<String> roles = in.stringList("roles", 10, 50);
        Boolean primary = in.bool("primary");
        in.throwIfInvalid();
        return new ContactInput(new Person(title, firstName, lastName, phoneList, emailList, preferences),
                roles == null ? List.of() : roles, primary);
    }

    /**
     * A preference the request states wins; otherwise a channel with a value is ticked. A channel
     * the tenant disabled is never ticked by a value, and ticking it is refused naming the field.
     */
    private static Preferences preferences(FieldReader in, List<Phone> phones, List<EmailAddress> emails,
                                           Set<Channel> enabled, Preferences before) {
        boolean hasEmail = !emails.isEmpty();
        boolean hasPhone = !phones.isEmpty();
        boolean hasMobile = phones.stream().anyMatch(p -> p.type() == PhoneType.MOBILE);
        FieldReader stated = in;
        Boolean email = stated == null ? null : in.bool("email");
        Boolean sms = stated == null ? null : in.bool("sms");
        Boolean phone = stated == null ? null : in.bool("phone");
        Boolean post = stated == null ? null : in.bool("post");
        Boolean whatsapp = stated == null ? null : in.bool("whatsapp");
        if (stated != null) {
            in.checkUnknown();
        }
        return new Preferences(
                choose(in, "email", Channel.EMAIL, email, hasEmail, enabled, before),
                choose(in, "sms", Channel.SMS, sms, hasMobile, enabled, before),
                choose(in, "phone", Channel.PHONE, phone, hasPhone, enabled, before),
                choose(in, "post", Channel.POST, post, false, enabled, before),
                choose(in, "whatsapp", Channel.WHATSAPP, whatsapp, false, enabled, before));
    }

    private static boolean choose(FieldReader in, String name, Channel channel, Boolean stated, boolean hasValue,
                                  Set<Channel> enabled, Preferences before) {
        if (enabled.contains(channel)) {
            return stated == null ? hasValue : stated;
        }
        boolean was = before.of(channel);
        if (Boolean.TRUE.equals(stated) && !was) {
            in.error(name, channel + " is not enabled for this account (see GET /settings)");
        }
        return stated == null ? was : stated && was;
    }
}
