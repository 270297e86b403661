package com.customerhub.core.customer;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The read-only {@code authorized} flag, from the profile item alone. */
class AuthorizedTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    private static CustomerDraft draft(List<Channel> preferred, Boolean restricted) {
        return new CustomerDraft(CustomerType.B2C, "Anna", null, null, null, null, null, "+393331234567", null, null,
                null, null, null, null, preferred, 5, null, null, null, null, null, null, null, null, null, restricted);
    }

    private static AttributeValue consent(String status, Instant capturedAt, Instant validUntil) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("status", AttributeValue.fromS(status));
        m.put("capturedAt", AttributeValue.fromS(capturedAt.toString()));
        if (validUntil != null) {
            m.put("validUntil", AttributeValue.fromS(validUntil.toString()));
        }
        return AttributeValue.fromM(m);
    }

    private static AttributeValue inbound(String channel, Instant at) {
        return AttributeValue.fromM(Map.of("lastInbound", AttributeValue.fromM(Map.of(channel, AttributeValue.fromS(at.toString())))));
    }

    @Test
    void absentUntilTheCustomerHasAnyConsent() {
        assertThat(Authorized.of(Map.of("ledger", inbound("WHATSAPP", NOW.minusSeconds(60))), draft(null, null), NOW)).isNull();
    }

    @Test
    void aGrantedServiceConsentOnThePreferredMessagingChannelAuthorizes() {
        Map<String, AttributeValue> profile = Map.of("consent#SERVICE#SMS", consent("GRANTED", NOW.minusSeconds(3600), null));
        assertThat(Authorized.of(profile, draft(List.of(Channel.EMAIL, Channel.SMS), null), NOW)).isTrue();
        assertThat(Authorized.of(profile, draft(List.of(Channel.WHATSAPP), null), NOW)).as("another channel").isFalse();
        assertThat(Authorized.of(profile, draft(List.of(Channel.SMS), true), NOW)).as("restricted").isFalse();
        Map<String, AttributeValue> objecting = Map.of("consent#SERVICE#SMS", consent("GRANTED", NOW.minusSeconds(3600), null),
                "objectedAt", AttributeValue.fromS(NOW.minusSeconds(60).toString()));
        assertThat(Authorized.of(objecting, draft(List.of(Channel.SMS), null), NOW)).as("objecting").isFalse();
        Map<String, AttributeValue> expired = Map.of("consent#SERVICE#ANY", consent("GRANTED", NOW.minusSeconds(7200), NOW.minusSeconds(1)));
        assertThat(Authorized.of(expired, draft(null, null), NOW)).isFalse();
    }

    @Test
    void theInboundWindowAuthorizesForTwentyFourHours() {
        Map<String, AttributeValue> profile = new HashMap<>();
        profile.put("consent#MARKETING#EMAIL", consent("WITHDRAWN", NOW.minusSeconds(60), null));
        profile.put("ledger", inbound("WHATSAPP", NOW.minusSeconds(23 * 3600 + 59 * 60)));
        assertThat(Authorized.of(profile, draft(null, null), NOW)).isTrue();
        profile.put("ledger", inbound("WHATSAPP", NOW.minusSeconds(24 * 3600 + 60)));
        assertThat(Authorized.of(profile, draft(null, null), NOW)).isFalse();
    }
}
