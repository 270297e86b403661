package com.customerhub.privacy.requests;

import com.customerhub.core.error.ApiException;

import java.time.Instant;
import java.time.ZoneOffset;

/**
 * GDPR Art. 12(3): an answer is due one month after the request is received, extendable by two
 * further months in total, with reasons. Months are calendar months in UTC (31 Jan + 1 month = 28/29 Feb).
 */
public final class DueDates {
    public static final int MAX_EXTENSION_MONTHS = 2;

    private DueDates() {
    }

    public static Instant due(Instant receivedAt, int extendedMonths) {
        return receivedAt.atZone(ZoneOffset.UTC).plusMonths(1L + extendedMonths).toInstant();
    }

    /** The total extension after adding {@code months}, or a 400 naming {@code months}. */
    public static int extend(int alreadyExtended, Integer months) {
        if (months == null) {
            throw ApiException.badRequest("months", "is required (1 or 2)");
        }
        if (months < 1 || months > MAX_EXTENSION_MONTHS) {
            throw ApiException.badRequest("months", "must be 1 or 2");
        }
        if (alreadyExtended + months > MAX_EXTENSION_MONTHS) {
            throw ApiException.badRequest("months", "the request was already extended by " + alreadyExtended
                    + " month(s); the total extension may not exceed " + MAX_EXTENSION_MONTHS + " months (GDPR Art. 12(3))");
        }
        return alreadyExtended + months;
    }

    public static boolean overdue(RequestStatus status, Instant dueAt, Instant now) {
        return status.open() && now.isAfter(dueAt);
    }
}
