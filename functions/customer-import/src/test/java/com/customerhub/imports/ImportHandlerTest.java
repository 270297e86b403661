package com.customerhub.imports;

import com.customerhub.core.customer.Customer;
import com.customerhub.core.events.DomainEvent;
import com.customerhub.localaws.LocalDynamoDb;
import com.customerhub.localaws.SharedDynamoDb;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rung 2: the import handlers in-process against DynamoDB Local and S3Proxy, with real .xlsx files.
 * Each test uses its own tenant.
 */
@ExtendWith(SharedDynamoDb.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportHandlerTest {
    static final List<String> HEADERS = List.of("mobile *", "name", "email", "externalId", "priority", "tags", "keepHistory");
    private static final AtomicInteger TENANTS = new AtomicInteger();
    private ImportHarness harness;

    @BeforeAll
    void start(LocalDynamoDb dynamo) {
        harness = new ImportHarness(dynamo, Map.of());
    }

    @AfterAll
    void stop() {
        harness.close();
    }

    static String tenant() {
        return "t" + TENANTS.incrementAndGet() + "x" + Long.toString(System.nanoTime() % 100000);
    }

    static List<Object> row(Object... cells) {
        return new ArrayList<>(Arrays.asList(cells));
    }

    static String mobile(int n) {
        return "+39333" + String.format("%07d", n);
    }

    static List<List<Object>> customers(int from, int count) {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            rows.add(row(mobile(i), "Customer " + i, "c" + i + "@example.com", "EXT-" + i, 5, "gold, north", Boolean.TRUE));
        }
        return rows;
    }

    private JsonNode importFile(String tenant, String mode, byte[] file, boolean autoConfirm) {
        harness.drop("imports/" + tenant + "/" + mode + "/file-" + System.nanoTime() + ".xlsx", file, autoConfirm);
        harness.deliver();
        return harness.latestJob(tenant);
    }

    private JsonNode confirm(String tenant, JsonNode job, String body) {
        ImportHarness.Response confirmed = harness.call(tenant, "admin", "POST", "/imports/" + job.get("id").asText() + "/confirm", body);
        assertThat(confirmed.status()).as(new String(confirmed.raw())).isEqualTo(202);
        harness.deliver();
        return harness.call(tenant, "admin", "GET", "/imports/" + job.get("id").asText(), null).body();
    }

    @Test
    void upsertShowsAPreviewWithErrorsAndAReportThenAppliesOnConfirm() {
        String tenant = tenant();
        List<List<Object>> rows = customers(1, 5);
        rows.add(row("12345", "No prefix", null, null, 5, null, null));                 // row 7: invalid mobile
        rows.add(row(mobile(2), "Twin", null, null, 12, null, null));                    // row 8: duplicate mobile, bad priority
        rows.add(row(mobile(9), null, "not-an-email", null, null, null, null));          // row 9: bad email
        JsonNode job = importFile(tenant, "upsert", Workbooks.xlsx(HEADERS, rows), false);

        assertThat(job.get("status").asText()).isEqualTo("AWAITING_CONFIRMATION");
        assertThat(job.get("sourceKey").asText()).startsWith("imports/" + tenant + "/upsert/");
        JsonNode counts = job.get("counts");
        assertThat(counts.get("rows").asInt()).isEqualTo(8);
        assertThat(counts.get("valid").asInt()).isEqualTo(5);
        assertThat(counts.get("rejected").asInt()).isEqualTo(3);
        assertThat(counts.get("inserted").asInt()).isEqualTo(5);
        assertThat(job.get("errors").toString())
                .contains("{\"row\":7,\"column\":\"mobile\"")
                .contains("{\"row\":8,\"column\":\"mobile\",\"message\":\"same mobile as row 3\"}")
                .contains("{\"row\":8,\"column\":\"priority\"")
                .contains("{\"row\":9,\"column\":\"email\"");
        assertThat(harness.customers(tenant)).isEmpty(); // nothing written before the confirmation

        // the report: header + error column, then the rejected rows as they were
        List<List<String>> report = Workbooks.read(harness.fromUrl(job.get("reportUrl").asText()));
        assertThat(report.get(0)).containsExactly("row", "mobile *", "name", "email", "externalId", "priority", "tags", "keepHistory", "error");
        assertThat(report).hasSize(4);
        assertThat(report.get(1).subList(0, 3)).containsExactly("7", "12345", "No prefix");
        assertThat(report.get(2).get(1)).isEqualTo(mobile(2));
        assertThat(report.get(2).get(8)).contains("mobile: same mobile as row 3").contains("priority:");
        assertThat(report.get(3).get(8)).contains("email:");

        JsonNode done = confirm(tenant, job, null);
        assertThat(done.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(done.get("counts").get("inserted").asInt()).isEqualTo(5);
        assertThat(done.get("counts").get("rejected").asInt()).isEqualTo(3);
        Customer first = harness.customerByMobile(tenant, mobile(1)).orElseThrow();
        assertThat(first.fields().name()).isEqualTo("Customer 1");
        assertThat(first.fields().tags()).containsExactly("gold", "north");
        assertThat(first.fields().keepHistory()).isTrue();
        assertThat(harness.customers(tenant)).hasSize(5);

        List<DomainEvent> completed = harness.events().events().stream()
                .filter(e -> e.detailType().equals("ImportCompleted") && e.tenantId().equals(tenant)).toList();
        assertThat(completed).hasSize(1);
        assertThat(completed.get(0).detail().toString()).doesNotContain("+39", "Customer", "example.com", "file-");
        assertThat(harness.events().events().stream().filter(e -> e.detailType().equals("CustomerCreated") && e.tenantId().equals(tenant)))
                .hasSize(5);

        // a second file: one changed, one unchanged, one new; matched by externalId (mobile changes) or mobile
        List<List<Object>> next = new ArrayList<>();
        next.add(row(mobile(101), "Customer 1", "c1@example.com", "EXT-1", 5, "gold, north", Boolean.TRUE)); // new mobile, same EXT-1
        next.add(row(mobile(2), "Customer 2", "c2@example.com", "EXT-2", 5, "gold, north", Boolean.TRUE));   // unchanged
        next.add(row(mobile(50), "Fifty", null, null, null, null, null));                                    // new
        JsonNode second = confirm(tenant, importFile(tenant, "upsert", Workbooks.xlsx(HEADERS, next), false), null);
        assertThat(second.get("counts").get("updated").asInt()).isEqualTo(1);
        assertThat(second.get("counts").get("unchanged").asInt()).isEqualTo(1);
        assertThat(second.get("counts").get("inserted").asInt()).isEqualTo(1);
        assertThat(harness.customerByMobile(tenant, mobile(1))).isEmpty();
        Customer moved = harness.customerByMobile(tenant, mobile(101)).orElseThrow();
        assertThat(moved.id()).isEqualTo(first.id());
        assertThat(moved.version()).isEqualTo(2);
        assertThat(harness.customerByMobile(tenant, mobile(2)).orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void autoConfirmAppliesByItselfAndTheSameEventTwiceIsOneJob() {
        String tenant = tenant();
        String key = "imports/" + tenant + "/upsert/auto.xlsx";
        harness.drop(key, Workbooks.xlsx(HEADERS, customers(1, 7)), true);
        List<ImportHarness.Put> none = List.of();
        assertThat(harness.deliver()).isGreaterThanOrEqualTo(1);
        JsonNode job = harness.latestJob(tenant);
        assertThat(job.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(job.get("autoConfirm").asBoolean()).isTrue();
        assertThat(job.get("counts").get("inserted").asInt()).isEqualTo(7);

        // S3 delivers at least once: the same object (same ETag) again changes nothing
        String eTag = harness.client.headObject(b -> b.bucket(ImportHarness.BUCKET).key(key)).eTag();
        harness.function.handleRequest(ImportHarness.event(key, eTag), null);
        harness.function.handleRequest(ImportHarness.event(key, eTag), null);
        assertThat(harness.call(tenant, "viewer", "GET", "/imports", null).body().get("items")).hasSize(1);
        assertThat(harness.customers(tenant)).hasSize(7);
        assertThat(harness.events().events().stream().filter(e -> e.detailType().equals("CustomerCreated") && e.tenantId().equals(tenant)))
                .hasSize(7);
        assertThat(none).isEmpty();
    }

    @Test
    void replaceStopsForConfirmationWhenItWouldDeleteMoreThanTheSafetyShare() {
        String tenant = tenant();
        confirm(tenant, importFile(tenant, "upsert", Workbooks.xlsx(HEADERS, customers(1, 10)), false), null);
        assertThat(harness.customers(tenant)).hasSize(10);

        // keeps 1..5 (one changed), adds 20: would delete 6..10 = 50% > 10%
        List<List<Object>> rows = customers(1, 5);
        rows.get(0).set(1, "Renamed");
        rows.add(row(mobile(20), "Twenty", null, null, null, null, null));
        JsonNode held = importFile(tenant, "replace", Workbooks.xlsx(HEADERS, rows), true);
        assertThat(held.get("status").asText()).isEqualTo("AWAITING_CONFIRMATION");
        assertThat(held.get("reason").asText()).contains("would delete 5 of 10");
        assertThat(held.get("counts").get("deleted").asInt()).isEqualTo(5);
        assertThat(held.get("counts").get("updated").asInt()).isEqualTo(1);
        assertThat(held.get("counts").get("unchanged").asInt()).isEqualTo(4);
        assertThat(held.get("counts").get("inserted").asInt()).isEqualTo(1);
        assertThat(harness.customers(tenant)).hasSize(10);

        String id = held.get("id").asText();
        assertThat(harness.call(tenant, "agent", "POST", "/imports/" + id + "/confirm", "{\"expectedDeletions\":5}").status()).isEqualTo(403);
        assertThat(harness.call(tenant, "admin", "POST", "/imports/" + id + "/confirm", null).status()).isEqualTo(400);
        ImportHarness.Response wrong = harness.call(tenant, "admin", "POST", "/imports/" + id + "/confirm", "{\"expectedDeletions\":4}");
        assertThat(wrong.status()).isEqualTo(409);
        assertThat(wrong.body().toString()).contains("expectedDeletions");

        JsonNode done = confirm(tenant, held, "{\"expectedDeletions\":5}");
        assertThat(done.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(done.get("counts").get("deleted").asInt()).isEqualTo(5);
        assertThat(harness.customers(tenant)).extracting(c -> c.fields().mobile())
                .containsExactlyInAnyOrder(mobile(1), mobile(2), mobile(3), mobile(4), mobile(5), mobile(20));
        assertThat(harness.customerByMobile(tenant, mobile(1)).orElseThrow().fields().name()).isEqualTo("Renamed");
        assertThat(harness.events().events().stream().filter(e -> e.detailType().equals("CustomerDeleted") && e.tenantId().equals(tenant)))
                .hasSize(5);
    }

    @Test
    void aReplaceWithinTheSafetyShareAppliesByItself() {
        String tenant = tenant();
        confirm(tenant, importFile(tenant, "upsert", Workbooks.xlsx(HEADERS, customers(1, 10)), false), null);
        JsonNode job = importFile(tenant, "replace", Workbooks.xlsx(HEADERS, customers(1, 9)), true); // deletes 1 of 10
        assertThat(job.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(job.get("counts").get("deleted").asInt()).isEqualTo(1);
        assertThat(harness.customers(tenant)).hasSize(9);
    }

    @Test
    void cancelStopsAnImportAndRolesAreEnforced() {
        String tenant = tenant();
        JsonNode job = importFile(tenant, "upsert", Workbooks.xlsx(HEADERS, customers(1, 3)), false);
        String id = job.get("id").asText();
        assertThat(harness.call(tenant, "viewer", "POST", "/imports/" + id + "/cancel", null).status()).isEqualTo(403);
        assertThat(harness.call("other", "admin", "GET", "/imports/" + id, null).status()).isEqualTo(404);
        ImportHarness.Response cancelled = harness.call(tenant, "agent", "POST", "/imports/" + id + "/cancel", null);
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.body().get("status").asText()).isEqualTo("CANCELLED");
        assertThat(harness.call(tenant, "admin", "POST", "/imports/" + id + "/confirm", null).status()).isEqualTo(409);
        assertThat(harness.customers(tenant)).isEmpty();

        ImportHarness.Response presign = harness.call(tenant, "agent", "POST", "/imports", "{\"fileName\":\"crm.xlsx\",\"mode\":\"upsert\",\"autoConfirm\":true}");
        assertThat(presign.status()).isEqualTo(200);
        assertThat(presign.body().get("key").asText()).startsWith("imports/" + tenant + "/upsert/").endsWith("-crm.xlsx");
        assertThat(presign.body().get("uploadUrl").asText()).contains("X-Amz-Signature");
        assertThat(presign.body().get("headers").get("x-amz-meta-auto-confirm").asText()).isEqualTo("true");
        assertThat(harness.call(tenant, "agent", "POST", "/imports", "{\"fileName\":\"crm.xlsx\",\"mode\":\"replace\"}").status()).isEqualTo(403);
        assertThat(harness.call(tenant, "admin", "POST", "/imports", "{\"fileName\":\"../x.xlsx\",\"mode\":\"all\"}").body().toString())
                .contains("fileName", "mode");
        assertThat(harness.call(tenant, "dpo", "GET", "/imports", null).status()).isEqualTo(403);
    }

    @Test
    void theTemplateMarksMandatoryColumnsHasInstructionsListsAndTextPhones() {
        ImportHarness.Response template = harness.call("demo", "viewer", "GET", "/imports/template", null);
        assertThat(template.status()).isEqualTo(200);
        assertThat(template.headers().get("Content-Type")).startsWith(S3Files.XLSX);
        List<List<String>> sheet = Workbooks.read(template.raw());
        assertThat(sheet.get(0)).startsWith("mobile *", "name", "email", "customerType");
        assertThat(Workbooks.read(template.raw(), 1).toString()).contains("mandatory", "upsert", "replace");
        String customersXml = Workbooks.part(template.raw(), "xl/worksheets/sheet1.xml");
        assertThat(customersXml).contains("<dataValidation").contains("type=\"list\"");
        String styles = Workbooks.part(template.raw(), "xl/styles.xml");
        assertThat(styles).contains("formatCode=\"@\"");
        // the template itself imports: its header row is accepted
        String tenant = tenant();
        JsonNode job = importFile(tenant, "upsert", template.raw(), false);
        assertThat(job.get("status").asText()).isEqualTo("AWAITING_CONFIRMATION");
        assertThat(job.get("counts").get("rows").asInt()).isZero();
    }

    private byte[] export(String tenant, String role, String body) {
        ImportHarness.Response requested = harness.call(tenant, role, "POST", "/exports", body);
        assertThat(requested.status()).as(new String(requested.raw())).isEqualTo(202);
        String id = requested.body().get("id").asText();
        harness.deliver();
        JsonNode export = harness.call(tenant, role, "GET", "/exports/" + id, null).body();
        assertThat(export.get("status").asText()).isEqualTo("COMPLETED");
        return harness.fromUrl(export.get("downloadUrl").asText());
    }

    @Test
    void anExportReimportedInUpsertModeChangesNothingAndIsSafeToOpen() {
        String tenant = tenant();
        List<List<Object>> rows = customers(1, 6);
        List<String> headers = List.of("mobile", "name", "email", "externalId", "priority", "tags", "keepHistory", "notes", "company",
                "customerType", "preferredChannels");
        for (List<Object> row : rows) {
            row.add(null);
            row.add(null);
            row.add(null);
            row.add(null);
        }
        rows.get(0).set(7, "=HYPERLINK(\"http://evil.example\",\"click\")");
        rows.get(1).set(8, "+SUM(1,2)");
        rows.get(2).set(7, "@cmd|' /C calc'!A0");
        rows.get(3).set(8, "-2+3");
        rows.get(4).set(9, "B2B");
        rows.get(4).set(10, "email, whatsapp");
        rows.get(5).set(6, Boolean.FALSE);
        rows.get(5).set(4, 9);
        JsonNode first = importFile(tenant, "upsert", Workbooks.xlsx(headers, rows), true);
        assertThat(first.get("status").asText()).as(first.toString()).isEqualTo("COMPLETED");
        assertThat(first.get("counts").get("inserted").asInt()).isEqualTo(6);
        assertThat(harness.customerByMobile(tenant, mobile(1)).orElseThrow().fields().notes()).startsWith("=HYPERLINK");

        byte[] exported = export(tenant, "agent", "{}");
        List<List<String>> sheet = Workbooks.read(exported);
        assertThat(sheet).hasSize(7);
        assertThat(sheet.get(0)).containsExactly(java.util.Arrays.stream(ImportColumn.values()).map(ImportColumn::header).toArray(String[]::new));
        String cells = sheet.toString();
        assertThat(cells).contains("'=HYPERLINK", "'+SUM(1,2)", "'@cmd", "'-2+3").doesNotContain(", =HYPERLINK", ", +SUM");
        // phones stay text, as typed, in the text-formatted mobile column; nothing in the export is a formula
        assertThat(sheet.subList(1, 7)).extracting(r -> r.get(0)).allMatch(m -> m.startsWith("+39333"));
        assertThat(Workbooks.part(exported, "xl/worksheets/sheet1.xml")).doesNotContain("<f>");

        JsonNode again = importFile(tenant, "upsert", exported, true);
        assertThat(again.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(again.get("counts").get("unchanged").asInt()).isEqualTo(6);
        assertThat(again.get("counts").get("updated").asInt()).isZero();
        assertThat(again.get("counts").get("inserted").asInt()).isZero();
        assertThat(harness.customers(tenant)).allMatch(c -> c.version() == 1);
        assertThat(harness.customerByMobile(tenant, mobile(1)).orElseThrow().fields().notes()).startsWith("=HYPERLINK");

        // a filtered export, and the roles
        List<List<String>> b2b = Workbooks.read(export(tenant, "admin", "{\"filter\":{\"tag\":\"GOLD\",\"responsibleUser\":\"nobody\"}}"));
        assertThat(b2b).hasSize(1);
        assertThat(harness.call(tenant, "viewer", "POST", "/exports", "{}").status()).isEqualTo(403);
        assertThat(harness.call(tenant, "admin", "POST", "/exports", "{\"filter\":{\"segment\":\"x\"}}").status()).isEqualTo(400);
    }
}
