package com.customerhub.core.customer;

import com.customerhub.core.consent.ConsentChannel;
import com.customerhub.core.consent.ConsentEvent;
import com.customerhub.core.consent.ConsentService;
import com.customerhub.core.consent.ConsentState;
import com.customerhub.core.consent.ConsentStatus;
import com.customerhub.core.consent.OutboundPermission;
import com.customerhub.core.consent.Purpose;
import com.customerhub.core.interaction.InteractionChannel;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The read-only {@code authorized} flag (the contact-centre seed's "authorized or not"): may an
 * outbound conversation be started now on the customer's preferred messaging channel? Computed from
 * the profile item alone, so reads and lists need no extra call: the consent summary the consent
 * ledger keeps on the profile ({@code consent#PURPOSE#CHANNEL}) and the last inbound message per
 * channel the interaction write keeps there. It is a SERVICE conversation: the 24-hour window after
 * an inbound message, or a granted SERVICE consent; never for a restricted or objecting customer. Null until
 * the customer has any consent.
 */
public final class Authorized {
    public static final String ATTRIBUTE_PREFIX = "consent#";
    /** Every profile attribute the flag is computed from (one consent summary per purpose and channel). */
    public static final List<String> ATTRIBUTES = Stream.concat(
            Arrays.stream(Purpose.values()).flatMap(purpose -> Arrays.stream(ConsentChannel.values())
                    .map(channel -> ATTRIBUTE_PREFIX + purpose + "#" + channel)),
            Stream.of("ledger", "restricted", ConsentService.OBJECTED_AT, "preferredChannels")).toList();

    private Authorized() {
    }

    public static Boolean of(Map<String, AttributeValue> profile, CustomerDraft fields, Instant now) {
        return of(profile, fields, () -> now);
    }

    /** The clock is read only for a customer with consents (lists of thousands mostly have none). */
    public static Boolean of(Map<String, AttributeValue> profile, CustomerDraft fields, java.util.function.Supplier<Instant> now) {
        List<ConsentEvent> summary = new ArrayList<>();
        profile.forEach((name, value) -> {
            if (name.startsWith(ATTRIBUTE_PREFIX) && value.hasM()) {
                String[] parts = name.split("#");
                Map<String, AttributeValue> m = value.m();
                try {
                    summary.add(new ConsentEvent(null, null, Purpose.valueOf(parts[1]), ConsentChannel.valueOf(parts[2]),
                            ConsentStatus.valueOf(m.get("status").s()), null, null, Instant.parse(m.get("capturedAt").s()),
                            m.containsKey("validUntil") ? Instant.parse(m.get("validUntil").s()) : null, null, null, null,
                            Instant.parse(m.get("capturedAt").s())));
                } catch (RuntimeException unreadable) {
                    // an attribute this version does not understand decides nothing
                }
            }
        });
        if (summary.isEmpty()) {
            return null;
        }
        String channel = preferredMessagingChannel(fields);
        return OutboundPermission.decide(Purpose.SERVICE, channel, Boolean.TRUE.equals(fields.restricted()),
                ConsentService.objected(profile), ConsentState.of(summary), lastInbound(profile), now.get()).allowed();
    }

    /** The first messaging channel among the preferred ones; WhatsApp when none is. */
    static String preferredMessagingChannel(CustomerDraft fields) {
        if (fields.preferredChannels() != null) {
            for (Channel channel : fields.preferredChannels()) {
                if (channel == Channel.WHATSAPP || channel == Channel.SMS) {
                    return channel.name();
                }
            }
        }
        return Channel.WHATSAPP.name();
    }

    private static Map<InteractionChannel, Instant> lastInbound(Map<String, AttributeValue> profile) {
        Map<InteractionChannel, Instant> last = new EnumMap<>(InteractionChannel.class);
        AttributeValue ledger = profile.get("ledger");
        if (ledger == null || !ledger.hasM() || !ledger.m().containsKey("lastInbound") || !ledger.m().get("lastInbound").hasM()) {
            return last;
        }
        ledger.m().get("lastInbound").m().forEach((channel, at) -> {
            try {
                last.put(InteractionChannel.valueOf(channel), Instant.parse(at.s()));
            } catch (RuntimeException unreadable) {
                // ignored, as above
            }
        });
        return last;
    }
}
