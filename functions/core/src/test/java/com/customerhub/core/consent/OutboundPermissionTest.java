package com.customerhub.core.consent;

import com.customerhub.core.interaction.InteractionChannel;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OutboundPermissionTest {
    private static final Instant INBOUND = Instant.parse("2026-11-20T10:00:00Z");

    private static ConsentEvent consent(Purpose purpose, ConsentChannel channel, ConsentStatus status, String capturedAt, String validUntil) {
        return new ConsentEvent("c" + capturedAt, "C", purpose, channel, status, LegalBasis.CONSENT, "test",
                Instant.parse(capturedAt), validUntil == null ? null : Instant.parse(validUntil), null, null, "u", Instant.parse(capturedAt));
    }

    private static OutboundPermission.Decision service(Instant now) {
        return OutboundPermission.decide(Purpose.SERVICE, "WHATSAPP", false, false, ConsentState.of(List.of()),
                Map.of(InteractionChannel.WHATSAPP, INBOUND), now);
    }

    @Test
    void anInboundMessageOpensATwentyFourHourServiceWindowOnItsChannel() {
        OutboundPermission.Decision at2359 = service(INBOUND.plus(Duration.ofHours(23).plusMinutes(59)));
        assertThat(at2359.allowed()).isTrue();
        assertThat(at2359.until()).isEqualTo(INBOUND.plus(Duration.ofHours(24)));
        OutboundPermission.Decision at2401 = service(INBOUND.plus(Duration.ofHours(24).plusMinutes(1)));
        assertThat(at2401.allowed()).isFalse();
        assertThat(at2401.reason()).contains("closed");
        assertThat(OutboundPermission.decide(Purpose.SERVICE, "SMS", false, false, ConsentState.of(List.of()),
                Map.of(InteractionChannel.WHATSAPP, INBOUND), INBOUND.plusSeconds(60)).allowed())
                .as("the window is per channel").isFalse();
    }

    @Test
    void marketingNeedsAGrantedUnexpiredConsentAndTheLatestCaptureWins() {
        Instant now = Instant.parse("2026-11-23T12:00:00Z");
        ConsentState granted = ConsentState.of(List.of(consent(Purpose.MARKETING, ConsentChannel.EMAIL, ConsentStatus.GRANTED,
                "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z")));
        assertThat(OutboundPermission.decide(Purpose.MARKETING, "EMAIL", false, false, granted, Map.of(), now).allowed()).isTrue();
        assertThat(OutboundPermission.decide(Purpose.MARKETING, "EMAIL", false, false, granted, Map.of(), now).until())
                .isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
        assertThat(OutboundPermission.decide(Purpose.MARKETING, "EMAIL", false, false, granted, Map.of(), Instant.parse("2027-01-01T00:00:00Z"))
                .reason()).contains("expired");
        assertThat(OutboundPermission.decide(Purpose.MARKETING, "SMS", false, false, granted, Map.of(), now).allowed()).isFalse();

        ConsentState withdrawn = ConsentState.of(List.of(
                consent(Purpose.MARKETING, ConsentChannel.EMAIL, ConsentStatus.WITHDRAWN, "2026-06-01T00:00:00Z", null),
                consent(Purpose.MARKETING, ConsentChannel.EMAIL, ConsentStatus.GRANTED, "2026-01-01T00:00:00Z", null)));
        OutboundPermission.Decision decision = OutboundPermission.decide(Purpose.MARKETING, "EMAIL", false, false, withdrawn, Map.of(), now);
        assertThat(decision.allowed()).isFalse();
        assertThat(decision.reason()).contains("withdrawn");

        ConsentState any = ConsentState.of(List.of(consent(Purpose.MARKETING, ConsentChannel.ANY, ConsentStatus.GRANTED,
                "2026-01-01T00:00:00Z", null)));
        assertThat(OutboundPermission.decide(Purpose.MARKETING, "SMS", false, false, any, Map.of(), now).allowed()).isTrue();
    }

    @Test
    void aRestrictedCustomerGetsNoForEverything() {
        ConsentState granted = ConsentState.of(List.of(consent(Purpose.MARKETING, ConsentChannel.ANY, ConsentStatus.GRANTED,
                "2026-01-01T00:00:00Z", null)));
        OutboundPermission.Decision decision = OutboundPermission.decide(Purpose.MARKETING, "EMAIL", true, false, granted,
                Map.of(InteractionChannel.WHATSAPP, INBOUND), INBOUND.plusSeconds(10));
        assertThat(decision.allowed()).isFalse();
        assertThat(decision.reason()).contains("Art. 18");
        assertThat(OutboundPermission.decide(Purpose.SERVICE, "WHATSAPP", true, false, granted,
                Map.of(InteractionChannel.WHATSAPP, INBOUND), INBOUND.plusSeconds(10)).allowed()).isFalse();
    }

    @Test
    void anObjectingCustomerGetsNoForEveryPurposeAndChannel() {
        Instant now = INBOUND.plusSeconds(10);
        ConsentState granted = ConsentState.of(List.of(
                consent(Purpose.MARKETING, ConsentChannel.ANY, ConsentStatus.GRANTED, "2026-01-01T00:00:00Z", null),
                consent(Purpose.THIRD_PARTY, ConsentChannel.EMAIL, ConsentStatus.GRANTED, "2026-01-02T00:00:00Z", null)));

        OutboundPermission.Decision service = OutboundPermission.decide(Purpose.SERVICE, "WHATSAPP", false, true, granted,
                Map.of(InteractionChannel.WHATSAPP, INBOUND), now);
        assertThat(service.allowed()).as("SERVICE inside an open window").isFalse();
        assertThat(service.reason()).contains("objected").contains("Art. 21");
        assertThat(service.until()).isNull();

        OutboundPermission.Decision marketing = OutboundPermission.decide(Purpose.MARKETING, "EMAIL", false, true, granted, Map.of(), now);
        assertThat(marketing.allowed()).as("MARKETING with a granted consent").isFalse();
        assertThat(marketing.reason()).contains("objected").contains("Art. 21");
        assertThat(OutboundPermission.decide(Purpose.THIRD_PARTY, "EMAIL", false, true, granted, Map.of(), now).allowed())
                .as("THIRD_PARTY with a granted consent").isFalse();

        assertThat(OutboundPermission.decide(Purpose.SERVICE, "WHATSAPP", false, false, granted,
                Map.of(InteractionChannel.WHATSAPP, INBOUND), now).allowed()).as("the same customer without the objection").isTrue();
        assertThat(OutboundPermission.decide(Purpose.MARKETING, "EMAIL", false, false, granted, Map.of(), now).allowed()).isTrue();
    }
}
