package com.customerhub.core.validation;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import jakarta.inject.Singleton;

import java.util.Optional;

/** Phone numbers in E.164, checked against libphonenumber's metadata. */
@Singleton
public class PhoneNumbers {
    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();

    /**
     * The number in E.164 form, or empty when it is not a valid number with its country prefix.
     * Spaces, dashes, dots and brackets that people type are accepted; {@code 00} counts as {@code +}.
     */
    public Optional<String> toE164(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String text = raw.strip();
        if (text.startsWith("00")) {
            text = "+" + text.substring(2);
        }
        if (!text.startsWith("+") || text.length() > 32) {
            return Optional.empty();
        }
        try {
            Phonenumber.PhoneNumber number = util.parse(text, "ZZ");
            if (!util.isValidNumber(number)) {
                return Optional.empty();
            }
            return Optional.of(util.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /** The national significant number of an E.164 number (the digits after the country code), e.g. to find it in files. */
    public Optional<String> nationalNumber(String e164) {
        try {
            return Optional.of(String.valueOf(util.parse(e164, "ZZ").getNationalNumber()));
        } catch (NumberParseException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
