package com.customerhub.core.validation;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PhoneNumbers} answers E.164 input without libphonenumber's parse; these tests hold it to
 * exactly what parse, isValidNumber and format answer, over every region's example numbers and
 * random digits after every calling code, with and without a national prefix.
 */
class PhoneNumbersTest {
    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    private final PhoneNumbers numbers = new PhoneNumbers();

    @Test
    void acceptsWhatPeopleTypeAndRefusesWhatIsNoNumber() {
        assertThat(numbers.toE164("+39 333 123 4567")).contains("+393331234567");
        assertThat(numbers.toE164("0039 (333) 123-4567")).contains("+393331234567");
        assertThat(numbers.toE164("+393331234567")).contains("+393331234567");
        assertThat(numbers.toE164("+44 020 7946 0958")).contains("+442079460958");
        assertThat(numbers.toE164("+4402079460958")).as("the national prefix after the country code is dropped, as parse does")
                .contains("+442079460958");
        assertThat(numbers.toE164("+390612345678")).as("Italian numbers keep their leading zero").contains("+390612345678");
        assertThat(numbers.toE164("3331234567")).isEmpty();
        assertThat(numbers.toE164("+39333")).isEmpty();
        assertThat(numbers.toE164("+999123456789")).isEmpty();
        assertThat(numbers.toE164("+0123456789")).isEmpty();
        assertThat(numbers.toE164(null)).isEmpty();
    }

    @Test
    void everyExampleNumberOfEveryRegionAndTypeIsAnsweredAsParseAnswersIt() {
        List<String> inputs = new ArrayList<>();
        for (String region : util.getSupportedRegions()) {
            for (PhoneNumberUtil.PhoneNumberType type : PhoneNumberUtil.PhoneNumberType.values()) {
                Phonenumber.PhoneNumber example = util.getExampleNumberForType(region, type);
                if (example != null) {
                    String e164 = util.format(example, PhoneNumberUtil.PhoneNumberFormat.E164);
                    String countryCode = "+" + example.getCountryCode();
                    String national = e164.substring(countryCode.length());
                    inputs.add(e164);
                    inputs.add(countryCode + "0" + national);
                    inputs.add(countryCode + "1" + national);
                    inputs.add(countryCode + national.substring(1));
                    inputs.add(e164 + "7");
                }
            }
        }
        for (int code : util.getSupportedGlobalNetworkCallingCodes()) {
            Phonenumber.PhoneNumber example = util.getExampleNumberForNonGeoEntity(code);
            if (example != null) {
                inputs.add(util.format(example, PhoneNumberUtil.PhoneNumberFormat.E164));
            }
        }
        assertThat(inputs).hasSizeGreaterThan(5_000);
        assertSameAsParse(inputs, 0.2);
    }

    @Test
    void randomDigitsAfterEveryCallingCodeAreAnsweredAsParseAnswersThem() {
        Random random = new Random(20261124);
        List<String> inputs = new ArrayList<>();
        for (int code : util.getSupportedCallingCodes()) {
            for (int i = 0; i < 150; i++) {
                StringBuilder number = new StringBuilder("+").append(code);
                int digits = 1 + random.nextInt(17);
                for (int d = 0; d < digits; d++) {
                    number.append(d == 0 && random.nextInt(4) == 0 ? '0' : (char) ('0' + random.nextInt(10)));
                }
                inputs.add(number.toString());
            }
        }
        assertSameAsParse(inputs, 0.01);
    }

    /** Also that a share of the inputs is valid, so that both answers are exercised. */
    private void assertSameAsParse(List<String> inputs, double validShare) {
        int valid = 0;
        for (String input : inputs) {
            Optional<String> expected = parsed(input);
            assertThat(numbers.toE164(input)).as(input).isEqualTo(expected);
            assertThat(numbers.nationalNumber(input)).as("national number of " + input).isEqualTo(parsedNationalNumber(input));
            valid += expected.isPresent() ? 1 : 0;
        }
        assertThat(valid).as("valid numbers among the inputs").isGreaterThan((int) (inputs.size() * validShare));
    }

    /** The national number (duplicate detection's key) as the full parse gives it. */
    private Optional<String> parsedNationalNumber(String input) {
        try {
            return Optional.of(String.valueOf(util.parse(input, "ZZ").getNationalNumber()));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /** What libphonenumber answers through the full parse. */
    private Optional<String> parsed(String input) {
        try {
            Phonenumber.PhoneNumber number = util.parse(input, "ZZ");
            return util.isValidNumber(number) ? Optional.of(util.format(number, PhoneNumberUtil.PhoneNumberFormat.E164)) : Optional.empty();
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }
}
