package com.customerhub.privacy.requests;

import com.customerhub.core.error.ApiException;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DueDatesTest {
    @Test
    void aRequestIsDueOneCalendarMonthAfterItArrived() {
        assertThat(DueDates.due(Instant.parse("2026-11-23T10:15:00Z"), 0)).isEqualTo("2026-12-23T10:15:00Z");
        // the month is a calendar month: 31 January is due on the last day of February
        assertThat(DueDates.due(Instant.parse("2027-01-31T09:00:00Z"), 0)).isEqualTo("2027-02-28T09:00:00Z");
        assertThat(DueDates.due(Instant.parse("2028-01-31T09:00:00Z"), 0)).isEqualTo("2028-02-29T09:00:00Z");
    }

    @Test
    void extensionsAddMonthsToTheReceiptDateUpToTwoInTotal() {
        Instant received = Instant.parse("2026-11-23T10:15:00Z");
        assertThat(DueDates.due(received, DueDates.extend(0, 2))).isEqualTo("2027-02-23T10:15:00Z");
        assertThat(DueDates.extend(0, 1)).isEqualTo(1);
        assertThat(DueDates.extend(1, 1)).isEqualTo(2);
        assertThatThrownBy(() -> DueDates.extend(1, 2)).isInstanceOf(ApiException.class)
                .hasMessageContaining("1 month").satisfies(e -> assertThat(((ApiException) e).errors().get(0).field()).isEqualTo("months"));
        assertThatThrownBy(() -> DueDates.extend(2, 1)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> DueDates.extend(0, 3)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> DueDates.extend(0, 0)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> DueDates.extend(0, -1)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> DueDates.extend(0, null)).isInstanceOf(ApiException.class);
    }

    @Test
    void onlyOpenRequestsPastTheirDueDateAreOverdue() {
        Instant due = Instant.parse("2026-12-23T10:15:00Z");
        assertThat(DueDates.overdue(RequestStatus.RECEIVED, due, due)).isFalse();
        assertThat(DueDates.overdue(RequestStatus.RECEIVED, due, due.plusMillis(1))).isTrue();
        assertThat(DueDates.overdue(RequestStatus.IN_PROGRESS, due, due.plusSeconds(60))).isTrue();
        assertThat(DueDates.overdue(RequestStatus.COMPLETED, due, due.plusSeconds(60))).isFalse();
        assertThat(DueDates.overdue(RequestStatus.REJECTED, due, due.plusSeconds(60))).isFalse();
    }
}
