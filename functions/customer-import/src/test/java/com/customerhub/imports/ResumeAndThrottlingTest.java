package com.customerhub.imports;

import com.customerhub.core.customer.Customer;
import com.customerhub.localaws.LocalDynamoDb;
import com.customerhub.localaws.SharedDynamoDb;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A run killed after chunk k (its writes done, its checkpoint not) and started again ends exactly
 * like a run never interrupted; 30% of DynamoDB requests throttled slows an import but loses nothing.
 */
@ExtendWith(SharedDynamoDb.class)
class ResumeAndThrottlingTest {

    /** Customers as comparable values: everything but ids and timestamps, keyed by mobile. */
    private static Map<String, String> state(ImportHarness harness, String tenant) {
        Map<String, String> byMobile = new TreeMap<>();
        for (Customer c : harness.customers(tenant)) {
            byMobile.put(c.fields().mobile(), c.fields() + " v" + c.version());
        }
        return byMobile;
    }

    private static List<List<Object>> file(int changedFrom) {
        List<List<Object>> rows = ImportHandlerTest.customers(1, 18);
        for (int i = changedFrom; i < rows.size(); i++) {
            rows.get(i).set(1, "Changed " + i);
        }
        rows.add(ImportHandlerTest.row("bad mobile", "x", null, null, null, null, null));
        rows.addAll(ImportHandlerTest.customers(100, 6));
        return rows;
    }

    private static JsonNode run(ImportHarness harness, String tenant, String mode, List<List<Object>> rows, Integer killAfterChunk) {
        harness.drop("imports/" + tenant + "/" + mode + "/run.xlsx", Workbooks.xlsx(ImportHandlerTest.HEADERS, rows), false);
        harness.deliver();
        JsonNode job = harness.latestJob(tenant);
        String id = job.get("id").asText();
        String body = mode.equals("replace") ? "{\"expectedDeletions\":" + job.get("counts").get("deleted").asInt() + "}" : null;
        assertThat(harness.call(tenant, "admin", "POST", "/imports/" + id + "/confirm", body).status()).isEqualTo(202);
        if (killAfterChunk != null) {
            harness.context.getBean(KillSwitch.class).arm(id, killAfterChunk);
            assertThatThrownBy(harness::deliver).isInstanceOf(KillSwitch.Killed.class);
            JsonNode killed = harness.call(tenant, "admin", "GET", "/imports/" + id, null).body();
            assertThat(killed.get("status").asText()).isEqualTo("APPLYING");
            // the retry of the same invocation (S3 / Lambda retry the event) continues from the checkpoint
            harness.function.handleRequest(ImportHarness.event("control/" + tenant + "/apply/" + id + ".json", null), null);
        } else {
            harness.deliver();
        }
        return harness.call(tenant, "admin", "GET", "/imports/" + id, null).body();
    }

    @Test
    void aRunKilledAfterAChunkAndStartedAgainEndsLikeAnUninterruptedRun(LocalDynamoDb dynamo) {
        try (ImportHarness harness = new ImportHarness(dynamo, Map.of())) {
            String clean = ImportHandlerTest.tenant();
            String killed = ImportHandlerTest.tenant();
            for (String tenant : List.of(clean, killed)) {
                run(harness, tenant, "upsert", ImportHandlerTest.customers(1, 22), null); // existing customers 1..22
            }
            // 25 rows in chunks of 5: updates, unchanged, a rejected row, inserts; replace deletes 19..22
            JsonNode uninterrupted = run(harness, clean, "replace", file(9), null);
            JsonNode resumed = run(harness, killed, "replace", file(9), 2);

            assertThat(resumed.get("status").asText()).isEqualTo("COMPLETED");
            assertThat(resumed.get("counts")).isEqualTo(uninterrupted.get("counts"));
            assertThat(resumed.get("counts").get("updated").asInt()).isEqualTo(9);
            assertThat(resumed.get("counts").get("inserted").asInt()).isEqualTo(6);
            assertThat(resumed.get("counts").get("unchanged").asInt()).isEqualTo(9);
            assertThat(resumed.get("counts").get("deleted").asInt()).isEqualTo(4);
            assertThat(resumed.get("errors")).isEqualTo(uninterrupted.get("errors"));
            assertThat(state(harness, killed)).isEqualTo(state(harness, clean)).hasSize(24);
            // no row written twice: as many events and audit-worthy versions as the clean run
            for (String type : List.of("CustomerCreated", "CustomerUpdated", "CustomerDeleted")) {
                assertThat(harness.events().events().stream().filter(e -> e.detailType().equals(type) && e.tenantId().equals(killed)).count())
                        .as(type).isEqualTo(harness.events().events().stream().filter(e -> e.detailType().equals(type) && e.tenantId().equals(clean)).count());
            }
        }
    }

    @Test
    void thirtyPercentThrottlingIsRetriedAndNothingIsDropped(LocalDynamoDb dynamo) {
        ThrottlingDynamoFactory.THROTTLED.set(0);
        ThrottlingDynamoFactory.TOTAL.set(0);
        try (ImportHarness harness = new ImportHarness(dynamo, Map.of("test.throttle-share", 0.3))) {
            String tenant = ImportHandlerTest.tenant();
            List<List<Object>> rows = new ArrayList<>(ImportHandlerTest.customers(1, 30));
            harness.drop("imports/" + tenant + "/upsert/throttled.xlsx", Workbooks.xlsx(ImportHandlerTest.HEADERS, rows), true);
            harness.deliver();
            JsonNode job = harness.latestJob(tenant);
            assertThat(job.get("status").asText()).isEqualTo("COMPLETED");
            assertThat(job.get("counts").get("inserted").asInt()).isEqualTo(30);
            assertThat(harness.customers(tenant)).hasSize(30);
            // every request the import made had a 30% chance of being refused, and no SDK retry to hide it
            assertThat(ThrottlingDynamoFactory.THROTTLED.get()).isGreaterThan(5);
            assertThat(ThrottlingDynamoFactory.THROTTLED.get() * 100 / ThrottlingDynamoFactory.TOTAL.get()).isBetween(10L, 50L);
        }
    }
}
