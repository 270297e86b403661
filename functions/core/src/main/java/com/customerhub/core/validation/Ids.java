package com.customerhub.core.validation;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.regex.Pattern;

/**
 * ULIDs: 26 Crockford base-32 characters, time-ordered, safe in URLs and keys. An id that does not
 * have this shape is unknown by construction, which keeps path traversal and key injection out.
 */
@jakarta.inject.Singleton
public final class Ids {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final Pattern SHAPE = Pattern.compile("[0-9A-HJKMNP-TV-Z]{26}");

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public Ids(Clock clock) {
        this.clock = clock;
    }

    /** The smallest and largest ids of a millisecond, the bounds of a date-range query. */
    public static String lowest(long epochMillis) {
        return timePart(epochMillis) + "0".repeat(16);
    }

    public static String highest(long epochMillis) {
        return timePart(epochMillis) + "Z".repeat(16);
    }

    private static String timePart(long epochMillis) {
        char[] out = new char[10];
        long time = epochMillis;
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (time & 31)];
            time >>>= 5;
        }
        return new String(out);
    }

    public static boolean isValid(String id) {
        return id != null && SHAPE.matcher(id).matches();
    }

    public String next() {
        return at(clock.millis());
    }

    /** An id whose time part is the given instant, so ids sort by that time (e.g. when an interaction occurred). */
    public String at(long epochMillis) {
        long time = epochMillis;
        byte[] entropy = new byte[10];
        random.nextBytes(entropy);
        char[] out = new char[26];
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (time & 31)];
            time >>>= 5;
        }
        // 80 bits of randomness as 16 characters of 5 bits
        long high = ((entropy[0] & 0xFFL) << 32) | ((entropy[1] & 0xFFL) << 24) | ((entropy[2] & 0xFFL) << 16)
                | ((entropy[3] & 0xFFL) << 8) | (entropy[4] & 0xFFL);
        long low = ((entropy[5] & 0xFFL) << 32) | ((entropy[6] & 0xFFL) << 24) | ((entropy[7] & 0xFFL) << 16)
                | ((entropy[8] & 0xFFL) << 8) | (entropy[9] & 0xFFL);
        for (int i = 17; i >= 10; i--) {
            out[i] = ALPHABET[(int) (high & 31)];
            high >>>= 5;
        }
        for (int i = 25; i >= 18; i--) {
            out[i] = ALPHABET[(int) (low & 31)];
            low >>>= 5;
        }
        return new String(out);
    }
}
