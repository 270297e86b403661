package com.customerhub.core.consent;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The current consent per purpose and channel, derived from the ledger: the latest capture wins. */
public final class ConsentState {
    private final Map<String, ConsentEvent> current;

    private ConsentState(Map<String, ConsentEvent> current) {
        this.current = current;
    }

    public static ConsentState of(Collection<ConsentEvent> ledger) {
        Map<String, ConsentEvent> latest = new LinkedHashMap<>();
        ledger.stream()
                .sorted(Comparator.comparing(ConsentEvent::capturedAt).thenComparing(ConsentEvent::recordedAt))
                .forEach(event -> latest.put(key(event.purpose(), event.channel()), event));
        return new ConsentState(latest);
    }

    public List<ConsentEvent> current() {
        return List.copyOf(current.values());
    }

    /** The entry deciding a purpose on a channel: the channel's own, else the ANY entry. */
    public Optional<ConsentEvent> deciding(Purpose purpose, ConsentChannel channel) {
        ConsentEvent specific = current.get(key(purpose, channel));
        return Optional.ofNullable(specific != null ? specific : current.get(key(purpose, ConsentChannel.ANY)));
    }

    /** Whether the latest word on the purpose, on any channel, is a withdrawal (an objection). */
    public boolean withdrawn(Purpose purpose, Instant now) {
        ConsentEvent any = current.get(key(purpose, ConsentChannel.ANY));
        return any != null && any.status() == ConsentStatus.WITHDRAWN && !any.capturedAt().isAfter(now);
    }

    private static String key(Purpose purpose, ConsentChannel channel) {
        return purpose + "#" + channel;
    }
}
