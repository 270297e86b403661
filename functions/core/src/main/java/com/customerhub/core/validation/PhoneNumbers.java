package com.customerhub.core.validation;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.Phonenumber;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import com.google.i18n.phonenumbers.metadata.source.MetadataSource;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** Phone numbers in E.164, checked against libphonenumber's metadata. */
@Singleton
public class PhoneNumbers {
    private static final int MAX_COUNTRY_CODE_DIGITS = 3;
    private static final int MIN_NATIONAL_DIGITS = 2;
    private static final int MAX_NATIONAL_DIGITS = 17;
    private static final String UNKNOWN_REGION = "ZZ";
    private static final Pattern NO_PREFIX = Pattern.compile("(?!)");

    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    /** The metadata {@code PhoneNumberUtil.getInstance()} is built on (its own accessors are not public). */
    private final MetadataSource metadata = DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource();
    /** Per calling code, the national prefix that parsing would strip (a pattern that never matches where there is none). */
    private final Map<Integer, Pattern> nationalPrefixes = new ConcurrentHashMap<>();
    /** Per region, the leading digits that pick it among the regions of a shared calling code. */
    private final Map<String, Pattern> leadingDigits = new ConcurrentHashMap<>();

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
        Optional<String> canonical = canonical(text);
        if (canonical.isPresent()) {
            return canonical;
        }
        try {
            Phonenumber.PhoneNumber number = util.parse(text, UNKNOWN_REGION);
            if (!util.isValidNumber(number)) {
                return Optional.empty();
            }
            return Optional.of(util.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /**
     * The number when it is already valid E.164 ({@code +} and digits: what exports and most systems
     * write), without {@code parse}: most of its time goes to text patterns (extensions, punctuation,
     * viability) that cannot match such input. What parse would still do is done here: the country
     * code is the one prefix of 1-3 digits that is a calling code (they are prefix-free), the rest is
     * the national number with its leading zeros kept. Where the region has a national prefix that the
     * number starts with (parse might strip it, as in +44 0 20...), or the number is not valid as
     * written, the full parse decides. {@code PhoneNumbersTest} compares both paths.
     */
    private Optional<String> canonical(String text) {
        return split(text).filter(number -> isValid(number, text, 1 + digits(number.getCountryCode())))
                .map(number -> text);
    }

    /**
     * What parse would make of {@code +digits}, without parse: the country code is the one prefix of
     * 1-3 digits that is a calling code, the rest the national number with its leading zeros. Empty
     * where that is not certain (not +digits, no calling code, a national prefix parse might strip).
     */
    private Optional<Phonenumber.PhoneNumber> split(String text) {
        int length = text.length();
        if (length < 2 || text.charAt(0) != '+' || text.charAt(1) == '0') {
            return Optional.empty();
        }
        for (int i = 1; i < length; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return Optional.empty();
            }
        }
        for (int digits = 1; digits <= MAX_COUNTRY_CODE_DIGITS && digits < length - 1; digits++) {
            int countryCode = Integer.parseInt(text, 1, 1 + digits, 10);
            if (UNKNOWN_REGION.equals(util.getRegionCodeForCountryCode(countryCode))) {
                continue;
            }
            String national = text.substring(1 + digits);
            if (national.length() < MIN_NATIONAL_DIGITS || national.length() > MAX_NATIONAL_DIGITS
                    || nationalPrefix(countryCode).matcher(national).lookingAt()) {
                return Optional.empty();
            }
            Phonenumber.PhoneNumber number = new Phonenumber.PhoneNumber().setCountryCode(countryCode)
                    .setNationalNumber(Long.parseLong(national));
            if (national.length() > 1 && national.charAt(0) == '0') {
                number.setItalianLeadingZero(true);
                int zeros = 1;
                while (zeros < national.length() - 1 && national.charAt(zeros) == '0') {
                    zeros++;
                }
                if (zeros != 1) {
                    number.setNumberOfLeadingZeros(zeros);
                }
            }
            return Optional.of(number);
        }
        return Optional.empty();
    }

    /** Calling codes have 1 to 3 digits. */
    private static int digits(int countryCode) {
        return countryCode < 10 ? 1 : countryCode < 100 ? 2 : 3;
    }

    /**
     * {@code util.isValidNumber(number)} in one pass: where a calling code serves several regions
     * (+1, +7, +39, +44...), isValidNumber first finds the region by matching the number's type
     * patterns, then matches them again for that region; this stops at the first region that
     * decides, as its region lookup does, so the type patterns run once. The national number is
     * {@code text} from {@code nationalStart} on (matched in place, not copied).
     */
    private boolean isValid(Phonenumber.PhoneNumber number, String text, int nationalStart) {
        List<String> regions = util.getRegionCodesForCountryCode(number.getCountryCode());
        if (regions.size() == 1) {
            return util.isValidNumberForRegion(number, regions.get(0));
        }
        for (String region : regions) {
            PhoneMetadata regionMetadata = metadata.getMetadataForRegion(region);
            if (regionMetadata == null) {
                continue;
            }
            if (regionMetadata.hasLeadingDigits()) {
                if (leadingDigits(regionMetadata).matcher(text).region(nationalStart, text.length()).lookingAt()) {
                    return util.isValidNumberForRegion(number, region);
                }
            } else if (util.isValidNumberForRegion(number, region)) {
                return true;
            }
        }
        return false;
    }

    private Pattern leadingDigits(PhoneMetadata region) {
        return leadingDigits.computeIfAbsent(region.getId(), id -> Pattern.compile(region.getLeadingDigits()));
    }

    private Pattern nationalPrefix(int countryCode) {
        return nationalPrefixes.computeIfAbsent(countryCode, code -> {
            String regionCode = util.getRegionCodeForCountryCode(code);
            PhoneMetadata region = PhoneNumberUtil.REGION_CODE_FOR_NON_GEO_ENTITY.equals(regionCode)
                    ? metadata.getMetadataForNonGeographicalRegion(code) : metadata.getMetadataForRegion(regionCode);
            String prefix = region == null ? "" : region.getNationalPrefixForParsing();
            return prefix == null || prefix.isEmpty() ? NO_PREFIX : Pattern.compile(prefix);
        });
    }

    /** The national significant number of an E.164 number (the digits after the country code), e.g. to find it in files. */
    public Optional<String> nationalNumber(String e164) {
        if (e164 == null) {
            return Optional.empty();
        }
        Optional<Phonenumber.PhoneNumber> split = split(e164);
        if (split.isPresent()) {
            return Optional.of(String.valueOf(split.get().getNationalNumber()));
        }
        try {
            return Optional.of(String.valueOf(util.parse(e164, "ZZ").getNationalNumber()));
        } catch (NumberParseException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
