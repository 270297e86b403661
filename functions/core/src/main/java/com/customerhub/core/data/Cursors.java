package com.customerhub.core.data;

import com.customerhub.core.error.ApiException;
import com.customerhub.core.validation.Ids;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque list cursors. A cursor carries only the sort position inside the caller's own tenant
 * (never a partition key), so a client cannot steer a query to another tenant with it.
 */
public final class Cursors {
    private static final char SEPARATOR = '\u001f';

    private Cursors() {
    }

    public static String encode(String... parts) {
        String joined = String.join(String.valueOf(SEPARATOR), parts);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(joined.getBytes(StandardCharsets.UTF_8));
    }

    /** The parts of a cursor, exactly {@code count} of them, or a 400 naming {@code cursor}. */
    public static String[] decode(String cursor, int count) {
        try {
            String joined = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = joined.split(String.valueOf(SEPARATOR), -1);
            if (parts.length == count) {
                return parts;
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below
        }
        throw notACursor();
    }

    /** The id a one-part cursor carries (lists ordered by id), or a 400 naming {@code cursor}. */
    public static String decodeId(String cursor) {
        String id = decode(cursor, 1)[0];
        if (!Ids.isValid(id)) {
            throw notACursor();
        }
        return id;
    }

    private static ApiException notACursor() {
        return ApiException.badRequest("cursor", "is not a cursor this list returned");
    }
}
