package com.customerhub.core.consent;

import com.customerhub.core.interaction.InteractionChannel;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * May we start an outbound conversation now? A restricted customer (GDPR Art. 18) or one who
 * objected (Art. 21, the profile's {@code objectedAt}): no, for every purpose and channel. SERVICE:
 * within 24 hours of the customer's last inbound message on that messaging channel, or with a
 * granted SERVICE consent. Any other purpose: only with a granted, unexpired consent for it on that
 * channel (or ANY).
 */
public final class OutboundPermission {
    public static final Duration SERVICE_WINDOW = Duration.ofHours(24);

    /** The answer: allowed or not, why, and until when (null: no end, or not allowed). */
    public record Decision(boolean allowed, String reason, Instant until) {
    }

    private OutboundPermission() {
    }

    public static Decision decide(Purpose purpose, String channel, boolean restricted, boolean objected, ConsentState consents,
                                  Map<InteractionChannel, Instant> lastInbound, Instant now) {
        if (restricted) {
            return new Decision(false, "processing of this customer is restricted (GDPR Art. 18)", null);
        }
        if (objected) {
            return new Decision(false, "the customer objected to processing (GDPR Art. 21)", null);
        }
        ConsentChannel consentChannel = consentChannel(channel);
        Optional<ConsentEvent> deciding = consents.deciding(purpose, consentChannel == null ? ConsentChannel.ANY : consentChannel);
        if (purpose == Purpose.SERVICE) {
            InteractionChannel messaging = messagingChannel(channel);
            Instant inbound = messaging == null ? null : lastInbound.get(messaging);
            if (inbound != null && now.isBefore(inbound.plus(SERVICE_WINDOW)) && !inbound.isAfter(now)) {
                return new Decision(true, "the customer wrote on " + channel + " at " + inbound
                        + ": the 24-hour service window is open", inbound.plus(SERVICE_WINDOW));
            }
            if (deciding.filter(c -> c.permitsAt(now)).isPresent()) {
                return new Decision(true, "granted SERVICE consent", deciding.get().validUntil());
            }
            return new Decision(false, inbound == null
                    ? "no inbound message on " + channel + " opened a service window, and no SERVICE consent"
                    : "the 24-hour service window closed at " + inbound.plus(SERVICE_WINDOW), null);
        }
        if (deciding.isEmpty()) {
            return new Decision(false, "no " + purpose + " consent for " + channel, null);
        }
        ConsentEvent consent = deciding.get();
        if (consent.status() == ConsentStatus.WITHDRAWN) {
            return new Decision(false, purpose + " consent was withdrawn at " + consent.capturedAt(), null);
        }
        if (!consent.permitsAt(now)) {
            return new Decision(false, purpose + " consent expired at " + consent.validUntil(), null);
        }
        return new Decision(true, "granted " + purpose + " consent captured at " + consent.capturedAt(), consent.validUntil());
    }

    static ConsentChannel consentChannel(String channel) {
        try {
            return ConsentChannel.valueOf(channel);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static InteractionChannel messagingChannel(String channel) {
        try {
            InteractionChannel value = InteractionChannel.valueOf(channel);
            return value.isMessaging() ? value : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
