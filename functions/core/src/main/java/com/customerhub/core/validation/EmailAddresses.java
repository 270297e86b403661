package com.customerhub.core.validation;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Email syntax as a mailbox a user can type (no quoted local parts, no IP literals). */
public final class EmailAddresses {
    private static final Pattern MAILBOX = Pattern.compile(
            "^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@(?=.{1,253}$)([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}$");

    private EmailAddresses() {
    }

    /** The address lower-cased, or empty when it is not a valid mailbox. */
    public static Optional<String> normalize(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String text = raw.strip();
        if (text.length() > 254 || !MAILBOX.matcher(text).matches() || text.contains("..")) {
            return Optional.empty();
        }
        return Optional.of(text.toLowerCase(Locale.ROOT));
    }
}
