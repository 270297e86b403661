package com.customerhub.imports;

import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;

/**
 * The id an apply gives the customer a row inserts: a ULID whose time is the apply's {@link ImportJob#insertedAt}
 * and whose 80 random bits come from a hash of the job and the row, so a re-run of a killed chunk
 * (same job, row and recorded time) writes the very same items instead of a second customer.
 */
@Singleton
public class NewCustomerIds {
    private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    public String of(String jobId, long row, Instant writtenAt) {
        char[] out = new char[26];
        long time = writtenAt.toEpochMilli();
        for (int i = 9; i >= 0; i--) {
            out[i] = CROCKFORD[(int) (time & 31)];
            time >>>= 5;
        }
        byte[] digest = sha256(jobId + "#" + row);
        // 80 bits = 16 characters of 5 bits from the first 10 bytes of the hash
        long high = 0;
        for (int i = 0; i < 5; i++) {
            high = (high << 8) | (digest[i] & 0xFF);
        }
        long low = 0;
        for (int i = 5; i < 10; i++) {
            low = (low << 8) | (digest[i] & 0xFF);
        }
        for (int i = 0; i < 8; i++) {
            out[10 + i] = CROCKFORD[(int) ((high >>> (35 - 5 * i)) & 31)];
            out[18 + i] = CROCKFORD[(int) ((low >>> (35 - 5 * i)) & 31)];
        }
        return new String(out);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
