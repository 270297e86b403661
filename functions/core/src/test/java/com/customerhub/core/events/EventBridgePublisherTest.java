package com.customerhub.core.events;

import com.customerhub.core.json.ObjectMapperSetup;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What reaches EventBridge: calls of at most 10 entries and 256 KB, failed entries sent again. */
class EventBridgePublisherTest {
    private static final Instant TIME = Instant.parse("2026-11-24T02:00:00Z");

    /** A bus that records every PutEvents call and fails the entries {@code failing} names. */
    static final class FakeBus implements EventBridgeClient {
        final List<PutEventsRequest> calls = new ArrayList<>();
        final List<String> delivered = new ArrayList<>();
        /** (alertId, times it was sent before) → error code, or null to accept it. */
        BiFunction<String, Integer, String> failing = (id, sent) -> null;
        private final Map<String, Integer> sent = new HashMap<>();

        @Override
        public synchronized PutEventsResponse putEvents(PutEventsRequest request) {
            calls.add(request);
            List<PutEventsResultEntry> results = new ArrayList<>();
            int failed = 0;
            for (PutEventsRequestEntry entry : request.entries()) {
                String id = entry.detail().replaceAll(".*\"alertId\":\"([^\"]*)\".*", "$1");
                String error = failing.apply(id, sent.merge(id, 1, Integer::sum) - 1);
                if (error == null) {
                    delivered.add(id);
                    results.add(PutEventsResultEntry.builder().eventId("e-" + id).build());
                } else {
                    failed++;
                    results.add(PutEventsResultEntry.builder().errorCode(error).errorMessage("no").build());
                }
            }
            return PutEventsResponse.builder().failedEntryCount(failed).entries(results).build();
        }

        @Override
        public String serviceName() {
            return "events";
        }

        @Override
        public void close() {
        }
    }

    private final FakeBus bus = new FakeBus();
    private final ObjectMapper json = ObjectMapperSetup.configure(new ObjectMapper());
    private final EventBridgePublisher publisher = new EventBridgePublisher("bus", json, () -> bus);

    private static List<DomainEvent> raised(int count, String padding) {
        return IntStream.range(0, count).mapToObj(i -> new DomainEvent("AlertRaised", "t1",
                Map.of("alertId", "a" + i, "ruleId", "r", "customerId", "c" + i, "severity", padding), TIME)).toList();
    }

    @Test
    void manyEventsGoTenToACallInOrder() {
        publisher.publishAll(raised(23, "INFO"));

        assertThat(bus.calls).extracting(call -> call.entries().size()).containsExactly(10, 10, 3);
        assertThat(bus.delivered).containsExactlyElementsOf(IntStream.range(0, 23).mapToObj(i -> "a" + i).toList());
        PutEventsRequestEntry entry = bus.calls.get(0).entries().get(0);
        assertThat(entry.eventBusName()).isEqualTo("bus");
        assertThat(entry.source()).isEqualTo("customer-hub");
        assertThat(entry.detailType()).isEqualTo("AlertRaised");
        assertThat(entry.time()).isEqualTo(TIME);
        assertThat(entry.detail()).startsWith("{\"tenantId\":\"t1\"");
    }

    @Test
    void aCallStaysUnder256KiloBytes() {
        // 60 KB a detail: four fit in a call, not ten
        publisher.publishAll(raised(9, "x".repeat(60_000)));

        assertThat(bus.calls).extracting(call -> call.entries().size()).containsExactly(4, 4, 1);
        for (PutEventsRequest call : bus.calls) {
            assertThat(call.entries().stream().mapToLong(EventBridgePublisher::size).sum())
                    .isLessThanOrEqualTo(EventBridgePublisher.MAX_REQUEST_BYTES);
        }
        assertThat(bus.delivered).hasSize(9);
    }

    @Test
    void onlyTheFailedEntriesAreSentAgain() {
        bus.failing = (id, sent) -> (id.equals("a2") || id.equals("a7")) && sent == 0 ? "ThrottlingException" : null;

        publisher.publishAll(raised(10, "INFO"));

        assertThat(bus.calls).extracting(call -> call.entries().size()).containsExactly(10, 2);
        assertThat(bus.calls.get(1).entries()).extracting(PutEventsRequestEntry::detail)
                .allSatisfy(detail -> assertThat(detail).containsAnyOf("\"a2\"", "\"a7\""));
        assertThat(bus.delivered).hasSize(10).doesNotHaveDuplicates();
    }

    @Test
    void anEntryThatKeepsFailingIsAnErrorNamingItsCode() {
        bus.failing = (id, sent) -> id.equals("a3") ? "InternalFailure" : null;

        assertThatThrownBy(() -> publisher.publishAll(raised(5, "INFO")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("1 of 5").hasMessageContaining("AlertRaised: InternalFailure");
        assertThat(bus.calls).hasSize(EventBridgePublisher.MAX_ATTEMPTS);
        assertThat(bus.delivered).hasSize(4);
    }

    @Test
    void oneEventIsOneCall() {
        publisher.publish(raised(1, "INFO").get(0));

        assertThat(bus.calls).hasSize(1);
        assertThat(bus.delivered).containsExactly("a0");
    }
}
