package com.customerhub.core.consent;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The current consent per purpose and channel, derived from the ledger (what {@code GET .../consents} shows as "current"). */
class ConsentStateTest {
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    private static ConsentEvent entry(String id, Purpose purpose, ConsentChannel channel, ConsentStatus status,
                                      String capturedAt, String recordedAt) {
        return new ConsentEvent(id, "C", purpose, channel, status, status == ConsentStatus.GRANTED ? LegalBasis.CONSENT : null,
                "test", Instant.parse(capturedAt), null, null, null, "u", Instant.parse(recordedAt));
    }

    private static ConsentEvent entry(String id, Purpose purpose, ConsentChannel channel, ConsentStatus status, String capturedAt) {
        return entry(id, purpose, channel, status, capturedAt, capturedAt);
    }

    @Test
    void theCurrentViewHoldsTheLatestEntryPerPurposeAndChannel() {
        ConsentState state = ConsentState.of(List.of(
                entry("m-email-1", Purpose.MARKETING, ConsentChannel.EMAIL, ConsentStatus.GRANTED, "2026-01-01T00:00:00Z"),
                entry("m-email-2", Purpose.MARKETING, ConsentChannel.EMAIL, ConsentStatus.WITHDRAWN, "2026-03-01T00:00:00Z"),
                entry("m-sms", Purpose.MARKETING, ConsentChannel.SMS, ConsentStatus.GRANTED, "2026-02-01T00:00:00Z"),
                entry("p-any", Purpose.PROFILING, ConsentChannel.ANY, ConsentStatus.GRANTED, "2026-02-15T00:00:00Z"),
                entry("s-wa", Purpose.SERVICE, ConsentChannel.WHATSAPP, ConsentStatus.GRANTED, "2026-04-01T00:00:00Z")));

        assertThat(state.current()).extracting(ConsentEvent::id)
                .as("one entry per purpose and channel, the older MARKETING/EMAIL grant replaced by its withdrawal")
                .containsExactlyInAnyOrder("m-email-2", "m-sms", "p-any", "s-wa");
        assertThat(state.current()).extracting(e -> e.purpose() + "#" + e.channel() + "=" + e.status())
                .containsExactlyInAnyOrder("MARKETING#EMAIL=WITHDRAWN", "MARKETING#SMS=GRANTED", "PROFILING#ANY=GRANTED",
                        "SERVICE#WHATSAPP=GRANTED");
        assertThat(state.deciding(Purpose.MARKETING, ConsentChannel.EMAIL)).get().extracting(ConsentEvent::status)
                .isEqualTo(ConsentStatus.WITHDRAWN);
        assertThat(state.deciding(Purpose.MARKETING, ConsentChannel.SMS)).get().extracting(ConsentEvent::id).isEqualTo("m-sms");
        assertThat(state.deciding(Purpose.THIRD_PARTY, ConsentChannel.EMAIL)).as("never asked").isEmpty();
        assertThat(ConsentState.of(List.of()).current()).isEmpty();
    }

    @Test
    void theLatestCaptureWinsNotTheLatestRecording() {
        // withdrawn on paper in March, granted online in June; the paper form is typed in (recorded) in July
        ConsentEvent grantedOnline = entry("online", Purpose.MARKETING, ConsentChannel.EMAIL, ConsentStatus.GRANTED,
                "2026-06-01T00:00:00Z", "2026-06-01T00:00:00Z");
        ConsentEvent paperLate = entry("paper", Purpose.MARKETING, ConsentChannel.EMAIL, ConsentStatus.WITHDRAWN,
                "2026-03-01T00:00:00Z", "2026-07-01T00:00:00Z");

        for (List<ConsentEvent> ledger : List.of(List.of(grantedOnline, paperLate), List.of(paperLate, grantedOnline))) {
            ConsentState state = ConsentState.of(ledger);
            assertThat(state.current()).extracting(ConsentEvent::id).as("ledger order " + ledger).containsExactly("online");
            assertThat(state.deciding(Purpose.MARKETING, ConsentChannel.EMAIL).orElseThrow().permitsAt(NOW)).isTrue();
        }

        // the same capture time: the later recording decides
        ConsentEvent sameCaptureLater = entry("correction", Purpose.MARKETING, ConsentChannel.EMAIL, ConsentStatus.WITHDRAWN,
                "2026-06-01T00:00:00Z", "2026-06-02T00:00:00Z");
        assertThat(ConsentState.of(List.of(sameCaptureLater, grantedOnline)).current()).extracting(ConsentEvent::id)
                .containsExactly("correction");
    }

    @Test
    void aChannelWithoutItsOwnEntryFallsBackToAny() {
        ConsentState state = ConsentState.of(List.of(
                entry("any", Purpose.MARKETING, ConsentChannel.ANY, ConsentStatus.GRANTED, "2026-01-01T00:00:00Z"),
                entry("sms", Purpose.MARKETING, ConsentChannel.SMS, ConsentStatus.WITHDRAWN, "2025-06-01T00:00:00Z")));

        assertThat(state.deciding(Purpose.MARKETING, ConsentChannel.EMAIL)).get().extracting(ConsentEvent::id)
                .as("no EMAIL entry: ANY decides").isEqualTo("any");
        assertThat(state.deciding(Purpose.MARKETING, ConsentChannel.SMS)).get().extracting(ConsentEvent::id)
                .as("the channel's own entry comes before ANY, even an older one").isEqualTo("sms");
        assertThat(state.deciding(Purpose.MARKETING, ConsentChannel.ANY)).get().extracting(ConsentEvent::id).isEqualTo("any");
        assertThat(state.deciding(Purpose.PROFILING, ConsentChannel.EMAIL)).as("ANY covers its own purpose only").isEmpty();
        assertThat(state.current()).extracting(ConsentEvent::id).as("both stay in the current view").containsExactlyInAnyOrder("any", "sms");
    }

    @Test
    void aWithdrawalOnAnyIsTheLatestWordOnThePurpose() {
        ConsentState state = ConsentState.of(List.of(
                entry("grant", Purpose.MARKETING, ConsentChannel.ANY, ConsentStatus.GRANTED, "2026-01-01T00:00:00Z"),
                entry("withdraw", Purpose.MARKETING, ConsentChannel.ANY, ConsentStatus.WITHDRAWN, "2026-05-01T00:00:00Z"),
                entry("sms", Purpose.PROFILING, ConsentChannel.SMS, ConsentStatus.WITHDRAWN, "2026-05-01T00:00:00Z")));

        assertThat(state.withdrawn(Purpose.MARKETING, NOW)).isTrue();
        assertThat(state.withdrawn(Purpose.MARKETING, Instant.parse("2026-04-30T00:00:00Z"))).as("before it was captured").isFalse();
        assertThat(state.withdrawn(Purpose.PROFILING, NOW)).as("a withdrawal on one channel only").isFalse();
    }
}
