package com.customerhub.core.events;

import com.customerhub.core.data.Backoff;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Publishes to the product's EventBridge bus ({@code EVENT_BUS_NAME}). Many events go in PutEvents
 * calls of up to 10 entries and 256 KB (the API's limits), so a first evaluator run's thousands of
 * AlertRaised are a tenth as many calls; entries EventBridge reports as failed (throttling, internal
 * failure) are sent again with backoff, and what still fails is an exception naming the error codes.
 */
@Singleton
@Requires(property = "events.sink", value = "eventbridge", defaultValue = "eventbridge")
public class EventBridgePublisher implements EventPublisher {
    static final int MAX_ENTRIES = 10;
    static final int MAX_REQUEST_BYTES = 256 * 1024;
    /** Attempts per entry; what fails this often is not transient. */
    static final int MAX_ATTEMPTS = 5;
    /** The size EventBridge counts for an entry's time (see "Calculating PutEvents event entry size"). */
    private static final int TIME_BYTES = 14;

    /** Looked up when the first event is published: reads never pay for building the client. */
    private final Provider<EventBridgeClient> client;
    private final String busName;
    private final ObjectMapper json;

    public EventBridgePublisher(@Value("${event.bus.name}") String busName, ObjectMapper json,
                                Provider<EventBridgeClient> client) {
        this.client = client;
        this.busName = busName;
        this.json = json;
    }

    @Override
    public void publish(DomainEvent event) {
        publishAll(List.of(event));
    }

    @Override
    public void publishAll(List<DomainEvent> events) {
        List<PutEventsRequestEntry> batch = new ArrayList<>(MAX_ENTRIES);
        long batchBytes = 0;
        for (DomainEvent event : events) {
            PutEventsRequestEntry entry = entry(event);
            long bytes = size(entry);
            if (batch.size() == MAX_ENTRIES || (!batch.isEmpty() && batchBytes + bytes > MAX_REQUEST_BYTES)) {
                send(batch);
                batch = new ArrayList<>(MAX_ENTRIES);
                batchBytes = 0;
            }
            batch.add(entry);
            batchBytes += bytes;
        }
        if (!batch.isEmpty()) {
            send(batch);
        }
    }

    /** One PutEvents call, then again for the entries it reports failed until none is left. */
    private void send(List<PutEventsRequestEntry> entries) {
        List<PutEventsRequestEntry> pending = entries;
        for (int attempt = 1; ; attempt++) {
            List<PutEventsRequestEntry> request = pending;
            PutEventsResponse response = client.get().putEvents(b -> b.entries(request));
            if (response.failedEntryCount() == null || response.failedEntryCount() == 0) {
                return;
            }
            // the result entries are in the order of the request's: a failed one has an error code
            List<PutEventsRequestEntry> failed = new ArrayList<>();
            TreeSet<String> codes = new TreeSet<>();
            for (int i = 0; i < request.size(); i++) {
                PutEventsResultEntry result = response.entries().get(i);
                if (result.errorCode() != null) {
                    failed.add(request.get(i));
                    codes.add(request.get(i).detailType() + ": " + result.errorCode());
                }
            }
            if (attempt >= MAX_ATTEMPTS) {
                throw new IllegalStateException("EventBridge refused " + failed.size() + " of " + entries.size()
                        + " events after " + attempt + " attempts: " + codes);
            }
            Backoff.sleep(attempt);
            pending = failed;
        }
    }

    private PutEventsRequestEntry entry(DomainEvent event) {
        return PutEventsRequestEntry.builder()
                .eventBusName(busName).source(DomainEvent.SOURCE).detailType(event.detailType())
                .time(event.time()).detail(detailJson(event)).build();
    }

    /** An entry's size as EventBridge counts it against the request's 256 KB. */
    static long size(PutEventsRequestEntry entry) {
        long bytes = entry.time() == null ? 0 : TIME_BYTES;
        for (String part : new String[] {entry.source(), entry.detailType(), entry.detail()}) {
            bytes += part == null ? 0 : part.getBytes(StandardCharsets.UTF_8).length;
        }
        for (String resource : entry.resources()) {
            bytes += resource.getBytes(StandardCharsets.UTF_8).length;
        }
        return bytes;
    }

    private String detailJson(DomainEvent event) {
        try {
            return json.writeValueAsString(withTenant(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> withTenant(DomainEvent event) {
        var detail = new LinkedHashMap<String, Object>();
        detail.put("tenantId", event.tenantId());
        detail.putAll(event.detail());
        return detail;
    }
}
