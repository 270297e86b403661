package com.customerhub.imports;

import com.customerhub.core.customer.AuditEntry;
import com.customerhub.core.customer.AuditLog;
import com.customerhub.core.customer.Customer;
import com.customerhub.core.customer.CustomerRepository;
import com.customerhub.core.data.Backoff;
import com.customerhub.core.customer.CustomerService;
import com.customerhub.core.privacy.Suppressions;
import com.customerhub.core.identity.Identity;
import com.customerhub.core.identity.Role;
import com.customerhub.localaws.LocalDynamoDb;
import com.customerhub.localaws.SharedDynamoDb;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A run killed after chunk k (its writes done, its checkpoint not) and started again ends exactly
 * like a run never interrupted; 30% of DynamoDB requests throttled slows an import but loses nothing.
 */
@ExtendWith(SharedDynamoDb.class)
class ResumeAndThrottlingTest {

    /**
     * Customers as comparable values: everything but ids and timestamps, with their audit entries
     * (field, new value, source, and which import or user), keyed by mobile; and the tag cloud.
     */
    private static Map<String, String> state(ImportHarness harness, String tenant) {
        Map<String, String> byMobile = new TreeMap<>();
        AuditLog audit = harness.context.getBean(AuditLog.class);
        for (Customer c : harness.customers(tenant)) {
            List<String> entries = new ArrayList<>();
            for (AuditEntry e : audit.list(tenant, c.id(), 100, null).items()) {
                entries.add(e.field() + "=" + e.newValue() + " " + e.source() + " " + (e.changedBy().startsWith("import:") ? "import" : e.changedBy()));
            }
            entries.sort(null);
            byMobile.put(c.fields().mobile(), c.fields() + " v" + c.version() + " audit " + entries);
        }
        byMobile.put("tags", harness.context.getBean(CustomerRepository.class).tagCounts(tenant).toString());
        return byMobile;
    }

    private static long events(ImportHarness harness, String tenant, String type) {
        return harness.events().events().stream().filter(e -> e.detailType().equals(type) && e.tenantId().equals(tenant)).count();
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

    /** Chunk 2 holds updates (one by one through the service), chunk 4 only inserts (the bulk path). */
    @ParameterizedTest
    @ValueSource(ints = {2, 4})
    void aRunKilledAfterAChunkAndStartedAgainEndsLikeAnUninterruptedRun(int killedChunk, LocalDynamoDb dynamo) {
        try (ImportHarness harness = new ImportHarness(dynamo, Map.of())) {
            String clean = ImportHandlerTest.tenant();
            String killed = ImportHandlerTest.tenant();
            for (String tenant : List.of(clean, killed)) {
                run(harness, tenant, "upsert", ImportHandlerTest.customers(1, 22), null); // existing customers 1..22
            }
            // 25 rows in chunks of 5: updates, unchanged, a rejected row, inserts; replace deletes 19..22
            JsonNode uninterrupted = run(harness, clean, "replace", file(9), null);
            JsonNode resumed = run(harness, killed, "replace", file(9), killedChunk);

            assertThat(resumed.get("status").asText()).isEqualTo("COMPLETED");
            assertThat(resumed.get("counts")).isEqualTo(uninterrupted.get("counts"));
            assertThat(resumed.get("counts").get("updated").asInt()).isEqualTo(9);
            assertThat(resumed.get("counts").get("inserted").asInt()).isEqualTo(6);
            assertThat(resumed.get("counts").get("unchanged").asInt()).isEqualTo(9);
            assertThat(resumed.get("counts").get("deleted").asInt()).isEqualTo(4);
            assertThat(resumed.get("errors")).isEqualTo(uninterrupted.get("errors"));
            // no row lost, none written twice: the same customers, audit entries and tag counts as the clean run
            Map<String, String> state = state(harness, killed);
            assertThat(state).isEqualTo(state(harness, clean)).hasSize(25);
            assertThat(state.get("tags")).isEqualTo("{gold=24, north=24}");
            assertThat(state.get(ImportHandlerTest.mobile(104))).contains("name=Customer 104,").contains(" v1 ");
            for (String type : List.of("CustomerCreated", "CustomerUpdated", "CustomerDeleted")) {
                assertThat(events(harness, killed, type)).as(type).isEqualTo(events(harness, clean, type));
            }
        }
    }

    /** Where {@link #aRunIntoAnEmptyTenantKilledAndStartedAgainEndsLikeAnUninterruptedRun} stops the first run. */
    enum Kill { AFTER_GUARDS_OF_CHUNK_0, AFTER_WRITES_OF_CHUNK_0, AFTER_GUARDS_OF_CHUNK_1_RESERVED_AHEAD }

    /**
     * Into a tenant without customers the apply makes no lookups. Killed after chunk 0 took its
     * guards and before its puts (so the tenant still looks empty to the re-run, which takes the same
     * guards again for the same ids), after chunk 0's writes, or after chunk 1 took its guards while
     * chunk 0's puts ran (before chunk 1's counts were recorded), the re-run ends like a clean run.
     */
    @ParameterizedTest
    @EnumSource(Kill.class)
    void aRunIntoAnEmptyTenantKilledAndStartedAgainEndsLikeAnUninterruptedRun(Kill point, LocalDynamoDb dynamo) {
        try (ImportHarness harness = new ImportHarness(dynamo, Map.of())) {
            String clean = ImportHandlerTest.tenant();
            String killed = ImportHandlerTest.tenant();
            List<List<Object>> rows = ImportHandlerTest.customers(1, 14);
            rows.add(ImportHandlerTest.row("bad mobile", "x", null, null, null, null, null));
            JsonNode uninterrupted = run(harness, clean, "upsert", rows, null);

            harness.drop("imports/" + killed + "/upsert/run.xlsx", Workbooks.xlsx(ImportHandlerTest.HEADERS, rows), false);
            harness.deliver();
            String id = harness.latestJob(killed).get("id").asText();
            assertThat(harness.call(killed, "admin", "POST", "/imports/" + id + "/confirm", null).status()).isEqualTo(202);
            KillSwitch kill = harness.context.getBean(KillSwitch.class);
            switch (point) {
                case AFTER_GUARDS_OF_CHUNK_0 -> kill.armAfterGuards(id, 0);
                case AFTER_WRITES_OF_CHUNK_0 -> kill.arm(id, 0);
                case AFTER_GUARDS_OF_CHUNK_1_RESERVED_AHEAD -> kill.armAfterGuards(id, 1);
            }
            assertThatThrownBy(harness::deliver).isInstanceOf(KillSwitch.Killed.class);
            ImportJob stopped = harness.context.getBean(JobRepository.class).findImport(killed, id).orElseThrow();
            if (point == Kill.AFTER_GUARDS_OF_CHUNK_1_RESERVED_AHEAD) {
                // chunk 1's guards came before its counts were recorded: they were taken while chunk 0 wrote
                assertThat(stopped.nextChunk()).isEqualTo(1);
                assertThat(stopped.pending()).isNull();
            }
            harness.function.handleRequest(ImportHarness.event("control/" + killed + "/apply/" + id + ".json", null), null);
            JsonNode resumed = harness.call(killed, "admin", "GET", "/imports/" + id, null).body();

            assertThat(resumed.get("status").asText()).isEqualTo("COMPLETED");
            assertThat(resumed.get("counts")).isEqualTo(uninterrupted.get("counts"));
            assertThat(resumed.get("counts").get("inserted").asInt()).isEqualTo(14);
            assertThat(resumed.get("errors")).isEqualTo(uninterrupted.get("errors"));
            Map<String, String> state = state(harness, killed);
            assertThat(state).isEqualTo(state(harness, clean)).hasSize(15);
            assertThat(events(harness, killed, "CustomerCreated")).isEqualTo(14);
        }
    }

    /**
     * The apply looks chunk 1 up while chunk 0 writes. Chunk 0 moves customer 1 to another email (an
     * update, written one by one) and a new customer in chunk 1 takes the email it had: chunk 1 is
     * looked up again after chunk 0, so the row is inserted as in a run of one chunk after the other,
     * not rejected as "already used by customer 1". The update is held back 1.5 s so the look-ahead
     * reads before it, as it may in production.
     */
    @Test
    void aNewCustomerOfTheNextChunkTakesTheEmailAnUpdateFreed(LocalDynamoDb dynamo) {
        try (ImportHarness harness = new ImportHarness(dynamo, Map.of("test.slow-updates", 1500))) {
            String tenant = ImportHandlerTest.tenant();
            run(harness, tenant, "upsert", ImportHandlerTest.customers(1, 1), null);
            List<List<Object>> rows = new ArrayList<>();
            rows.add(ImportHandlerTest.row(ImportHandlerTest.mobile(1), "Customer 1", "moved@example.com", "EXT-1", 5, "gold, north", Boolean.TRUE));
            rows.addAll(ImportHandlerTest.customers(2, 4));
            rows.add(ImportHandlerTest.row(ImportHandlerTest.mobile(50), "Newcomer", "c1@example.com", "EXT-50", 5, "gold, north", Boolean.TRUE));

            JsonNode job = run(harness, tenant, "upsert", rows, null);

            assertThat(job.get("status").asText()).isEqualTo("COMPLETED");
            assertThat(job.get("counts").get("updated").asInt()).isEqualTo(1);
            assertThat(job.get("counts").get("inserted").asInt()).isEqualTo(5);
            assertThat(job.get("counts").get("rejected").asInt()).isZero();
            assertThat(harness.customerByMobile(tenant, ImportHandlerTest.mobile(50)).orElseThrow().fields().email()).isEqualTo("c1@example.com");
            assertThat(harness.customerByMobile(tenant, ImportHandlerTest.mobile(1)).orElseThrow().fields().email()).isEqualTo("moved@example.com");
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
            // the test's own reads go through the throttling client too: retried, as the import's are
            assertThat(Backoff.retry(() -> harness.customers(tenant))).hasSize(30);
            assertThat(Backoff.retry(() -> harness.context.getBean(CustomerRepository.class).tagCounts(tenant)))
                    .isEqualTo(Map.of("gold", 30L, "north", 30L));
            assertThat(events(harness, tenant, "CustomerCreated")).isEqualTo(30);
            // every request the import made had a 30% chance of being refused, and no SDK retry to hide it
            assertThat(ThrottlingDynamoFactory.THROTTLED.get()).isGreaterThan(5);
            assertThat(ThrottlingDynamoFactory.THROTTLED.get() * 100 / ThrottlingDynamoFactory.TOTAL.get()).isBetween(10L, 50L);
        }
    }

    /**
     * An API user creates customers while an import applies: one with the mobile of a row planned as
     * an insert (the row then updates that customer), one with the email of another row (that row
     * is rejected, and holds no guard afterwards). The chunk's guard transaction is refused and its
     * rows go one by one.
     */
    @Test
    void customersCreatedThroughTheApiDuringTheApplyKeepTheirMobileAndEmail(LocalDynamoDb dynamo) {
        try (ImportHarness harness = new ImportHarness(dynamo, Map.of())) {
            String tenant = ImportHandlerTest.tenant();
            harness.drop("imports/" + tenant + "/upsert/race.xlsx", Workbooks.xlsx(ImportHandlerTest.HEADERS, ImportHandlerTest.customers(1, 10)), false);
            harness.deliver();
            String id = harness.latestJob(tenant).get("id").asText();
            CustomerService service = harness.context.getBean(CustomerService.class);
            Identity user = new Identity(tenant, "user-agent", Set.of(Role.ADMIN), Optional.empty());
            String[] apiIds = new String[2];
            harness.context.getBean(KillSwitch.class).beforeWrites(id, 1, () -> {
                apiIds[0] = service.create(user, body("{\"mobile\":\"" + ImportHandlerTest.mobile(8) + "\",\"name\":\"From the API\"}")).id();
                apiIds[1] = service.create(user, body("{\"mobile\":\"+393330000500\",\"name\":\"Other\",\"email\":\"c9@example.com\"}")).id();
            });
            assertThat(harness.call(tenant, "admin", "POST", "/imports/" + id + "/confirm", null).status()).isEqualTo(202);
            harness.deliver();

            JsonNode job = harness.call(tenant, "admin", "GET", "/imports/" + id, null).body();
            assertThat(job.get("status").asText()).isEqualTo("COMPLETED");
            assertThat(job.get("counts").get("inserted").asInt()).isEqualTo(8);
            assertThat(job.get("counts").get("updated").asInt()).isEqualTo(1);
            assertThat(job.get("counts").get("rejected").asInt()).isEqualTo(1);
            assertThat(job.get("errors").get(0).get("row").asInt()).isEqualTo(10);
            assertThat(job.get("errors").get(0).get("message").asText()).isEqualTo("already used by customer " + apiIds[1]);
            // one customer per mobile: the API's customer 8 took the row's fields, nobody else holds c9@example.com
            assertThat(harness.customers(tenant)).hasSize(10);
            Customer eight = harness.customerByMobile(tenant, ImportHandlerTest.mobile(8)).orElseThrow();
            assertThat(eight.id()).isEqualTo(apiIds[0]);
            assertThat(eight.fields().name()).isEqualTo("Customer 8");
            assertThat(harness.customerByMobile(tenant, ImportHandlerTest.mobile(9))).isEmpty();
            assertThat(harness.context.getBean(CustomerRepository.class).tagCounts(tenant)).isEqualTo(Map.of("gold", 9L, "north", 9L));
            assertThat(events(harness, tenant, "CustomerCreated")).isEqualTo(10);
            assertThat(events(harness, tenant, "CustomerUpdated")).isEqualTo(1);
            // the rejected row holds nothing: its mobile is free for the next customer
            String later = service.create(user, body("{\"mobile\":\"" + ImportHandlerTest.mobile(9) + "\",\"name\":\"Later\"}")).id();
            assertThat(harness.customerByMobile(tenant, ImportHandlerTest.mobile(9)).orElseThrow().id()).isEqualTo(later);
        }
    }

    /**
     * A person is erased while an import applies (the suppression list is written between chunk 1's
     * plan and its guards, as an erasure running beside the import would): the bulk path reads the
     * list once the rows hold their guards, gives the group's guards back and writes its rows one by
     * one, so the erased person's row is rejected with that reason and the others are created.
     */
    @Test
    void aPersonErasedDuringTheApplyIsNotCreatedAgain(LocalDynamoDb dynamo) {
        try (ImportHarness harness = new ImportHarness(dynamo, Map.of("suppression.salt", "test-salt"))) {
            String tenant = ImportHandlerTest.tenant();
            harness.drop("imports/" + tenant + "/upsert/erased.xlsx", Workbooks.xlsx(ImportHandlerTest.HEADERS, ImportHandlerTest.customers(1, 10)), false);
            harness.deliver();
            String id = harness.latestJob(tenant).get("id").asText();
            Suppressions suppressions = harness.context.getBean(Suppressions.class);
            harness.context.getBean(KillSwitch.class).beforeWrites(id, 1,
                    () -> suppressions.add(tenant, null, "c8@example.com", "erasure-1", Instant.now()));
            assertThat(harness.call(tenant, "admin", "POST", "/imports/" + id + "/confirm", null).status()).isEqualTo(202);
            harness.deliver();

            JsonNode job = harness.call(tenant, "admin", "GET", "/imports/" + id, null).body();
            assertThat(job.get("status").asText()).isEqualTo("COMPLETED");
            assertThat(job.get("counts").get("inserted").asInt()).isEqualTo(9);
            assertThat(job.get("counts").get("rejected").asInt()).isEqualTo(1);
            assertThat(job.get("errors").get(0).get("row").asInt()).isEqualTo(9); // customer 8, after the header row
            assertThat(job.get("errors").get(0).get("message").asText()).contains("suppression list");
            assertThat(harness.customers(tenant)).hasSize(9);
            assertThat(harness.customerByMobile(tenant, ImportHandlerTest.mobile(8))).isEmpty();
            // the rejected row holds nothing: its mobile is free for the next customer
            Identity user = new Identity(tenant, "user-agent", Set.of(Role.ADMIN), Optional.empty());
            String later = harness.context.getBean(CustomerService.class)
                    .create(user, body("{\"mobile\":\"" + ImportHandlerTest.mobile(8) + "\",\"name\":\"Later\"}")).id();
            assertThat(harness.customerByMobile(tenant, ImportHandlerTest.mobile(8)).orElseThrow().id()).isEqualTo(later);
        }
    }

    /** With the suppression list in use but none of the file's people on it, every row goes the bulk path. */
    @Test
    void aTenantThatErasedSomeoneElseImportsInBulk(LocalDynamoDb dynamo) {
        try (ImportHarness harness = new ImportHarness(dynamo, Map.of("suppression.salt", "test-salt"))) {
            String tenant = ImportHandlerTest.tenant();
            harness.context.getBean(Suppressions.class).add(tenant, ImportHandlerTest.mobile(99), "gone@example.com", "erasure-0", Instant.now());
            harness.drop("imports/" + tenant + "/upsert/bulk.xlsx", Workbooks.xlsx(ImportHandlerTest.HEADERS, ImportHandlerTest.customers(1, 10)), true);
            harness.deliver();

            JsonNode job = harness.latestJob(tenant);
            assertThat(job.get("status").asText()).isEqualTo("COMPLETED");
            assertThat(job.get("counts").get("inserted").asInt()).isEqualTo(10);
            assertThat(harness.customers(tenant)).hasSize(10);
            assertThat(events(harness, tenant, "CustomerCreated")).isEqualTo(10);
        }
    }

    /**
     * A preview reads whether the tenant has suppressed anyone once, not once a chunk (a million-row
     * preview made 2,000 serial reads of it): here 12 rows in chunks of 5.
     */
    @Test
    void aPreviewReadsTheSuppressionMarkerOnce(LocalDynamoDb dynamo) {
        try (ImportHarness harness = new ImportHarness(dynamo, Map.of("suppression.salt", "test-salt", "test.count-marker-reads", "true"))) {
            String tenant = ImportHandlerTest.tenant();
            harness.drop("imports/" + tenant + "/upsert/three-chunks.xlsx", Workbooks.xlsx(ImportHandlerTest.HEADERS, ImportHandlerTest.customers(1, 12)), false);
            harness.deliver();

            JsonNode job = harness.latestJob(tenant);
            assertThat(job.get("status").asText()).isEqualTo("AWAITING_CONFIRMATION");
            assertThat(job.get("counts").get("inserted").asInt()).isEqualTo(12);
            assertThat(harness.context.getBean(MarkerReads.class).reads()).isEqualTo(1);
        }
    }

    private static ObjectNode body(String json) {
        try {
            return (ObjectNode) new ObjectMapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
