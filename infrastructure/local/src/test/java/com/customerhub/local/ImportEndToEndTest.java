package com.customerhub.local;

import com.customerhub.localaws.SamTemplate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rung 3 for imports: files put into the local stack's S3 (as the AWS CLI would) are picked up by
 * the template's S3 notification within seconds; the job is followed and confirmed over HTTP.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportEndToEndTest {
    private LocalStack stack;
    private Map<String, String> tokens;
    private S3Client s3;
    private LocalApi api;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    @SuppressWarnings("unchecked")
    void start(@TempDir Path dir) throws Exception {
        stack = LocalStack.start(new LocalStackConfig(0, 0, 0, dir, false), SamTemplate.findFromWorkingDirectory());
        api = new LocalApi(stack.apiUrl());
        tokens = json.readValue(Files.readString(dir.resolve("tokens.json")), Map.class);
        s3 = stack.s3().client();
    }

    @AfterAll
    void stop() {
        if (s3 != null) {
            s3.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    private HttpResponse<String> send(String method, String path, String role, String body) throws Exception {
        return api.send(method, path, tokens.get(role), body);
    }

    private JsonNode jsonOf(HttpResponse<String> response) throws Exception {
        return json.readTree(response.body());
    }

    /** Asks for an export of every customer and polls it until it is COMPLETED (at most 15 s). */
    private JsonNode completedExport() throws Exception {
        HttpResponse<String> requested = send("POST", "/exports", "agent", "{}");
        assertThat(requested.statusCode()).isEqualTo(202);
        String exportId = jsonOf(requested).get("id").asText();
        JsonNode export = null;
        for (long until = System.currentTimeMillis() + 15_000; System.currentTimeMillis() < until; Thread.sleep(100)) {
            export = jsonOf(send("GET", "/exports/" + exportId, "agent", null));
            if (export.get("status").asText().equals("COMPLETED")) {
                return export;
            }
        }
        throw new AssertionError("the export did not complete: " + export);
    }

    /** Polls GET /imports until the newest job for this key satisfies the condition (at most 15 s). */
    private JsonNode awaitJob(String key, Predicate<JsonNode> done) throws Exception {
        long until = System.currentTimeMillis() + 15_000;
        JsonNode last = null;
        while (System.currentTimeMillis() < until) {
            for (JsonNode job : jsonOf(send("GET", "/imports?pageSize=100", "viewer", null)).get("items")) {
                if (job.get("sourceKey").asText().equals(key)) {
                    last = job;
                    if (done.test(job)) {
                        return job;
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the import of " + key + " did not get there: " + last);
    }

    private static boolean settled(JsonNode job) {
        return !job.get("status").asText().equals("VALIDATING") && !job.get("status").asText().equals("APPLYING");
    }

    static byte[] xlsx(List<String> headers, List<List<String>> rows) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Workbook workbook = new Workbook(out, "test", "1.0");
        Worksheet sheet = workbook.newWorksheet("Customers");
        for (int c = 0; c < headers.size(); c++) {
            sheet.value(0, c, headers.get(c));
        }
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < rows.get(r).size(); c++) {
                if (rows.get(r).get(c) != null) {
                    sheet.value(r + 1, c, rows.get(r).get(c));
                }
            }
        }
        workbook.finish();
        return out.toByteArray();
    }

    static List<List<String>> read(byte[] xlsx) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx)); var stream = workbook.getFirstSheet().openStream()) {
            for (Row row : (Iterable<Row>) stream::iterator) {
                List<String> cells = new ArrayList<>();
                row.forEach(cell -> cells.add(cell == null ? "" : cell.getText()));
                rows.add(cells);
            }
        }
        return rows;
    }

    private static List<List<String>> customers(int from, int to) {
        List<List<String>> rows = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            rows.add(List.of("+39347" + String.format("%07d", i), "E2E " + i, "EXT-" + i));
        }
        return rows;
    }

    @Test
    void upsertThenReplaceThroughTheBucketAndTheApi() throws Exception {
        String key = "imports/demo/upsert/first batch.xlsx"; // a space: S3 URL-encodes keys in its notifications
        List<List<String>> rows = new ArrayList<>(customers(1, 10));
        rows.add(List.of("not a phone", "Broken", ""));
        s3.putObject(b -> b.bucket(LocalStackConfig.BUCKET).key(key), RequestBody.fromBytes(xlsx(List.of("mobile", "name", "externalId"), rows)));

        long dropped = System.currentTimeMillis();
        JsonNode preview = awaitJob(key, ImportEndToEndTest::settled);
        assertThat(System.currentTimeMillis() - dropped).isLessThan(5_000);
        assertThat(preview.get("status").asText()).isEqualTo("AWAITING_CONFIRMATION");
        assertThat(preview.get("counts").get("valid").asInt()).isEqualTo(10);
        assertThat(preview.get("errors").get(0).get("row").asInt()).isEqualTo(12);
        HttpResponse<byte[]> report = api.download(preview.get("reportUrl").asText());
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(read(report.body()).get(1)).contains("not a phone");

        String id = preview.get("id").asText();
        assertThat(send("POST", "/imports/" + id + "/confirm", "agent", null).statusCode()).isEqualTo(202);
        JsonNode applied = awaitJob(key, ImportEndToEndTest::settled);
        assertThat(applied.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(applied.get("counts").get("inserted").asInt()).isEqualTo(10);
        JsonNode found = jsonOf(send("GET", "/customers?q=" + URLEncoder.encode("+393470000003", StandardCharsets.UTF_8), "viewer", null));
        assertThat(found.get("items").get(0).get("name").asText()).isEqualTo("E2E 3");

        // replace: keeps 1..5 (by externalId), adds 11, deletes 6..10: over the 10% share, so it waits
        String replaceKey = "imports/demo/replace/all.xlsx";
        List<List<String>> kept = new ArrayList<>(customers(1, 5));
        kept.addAll(customers(11, 11));
        s3.putObject(b -> b.bucket(LocalStackConfig.BUCKET).key(replaceKey).metadata(Map.of("auto-confirm", "true")),
                RequestBody.fromBytes(xlsx(List.of("mobile", "name", "externalId"), kept)));
        JsonNode held = awaitJob(replaceKey, ImportEndToEndTest::settled);
        assertThat(held.get("status").asText()).isEqualTo("AWAITING_CONFIRMATION");
        // 6..10, plus whatever the other test of this class left in the tenant
        int deletions = held.get("counts").get("deleted").asInt();
        assertThat(deletions).isGreaterThanOrEqualTo(5);
        String replaceId = held.get("id").asText();
        String expected = "{\"expectedDeletions\":" + deletions + "}";
        assertThat(send("POST", "/imports/" + replaceId + "/confirm", "agent", expected).statusCode()).isEqualTo(403);
        assertThat(send("POST", "/imports/" + replaceId + "/confirm", "admin", expected).statusCode()).isEqualTo(202);
        JsonNode replaced = awaitJob(replaceKey, ImportEndToEndTest::settled);
        assertThat(replaced.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(replaced.get("counts").get("deleted").asInt()).isEqualTo(deletions);
        assertThat(replaced.get("counts").get("inserted").asInt()).isEqualTo(1);
        List<String> names = new ArrayList<>();
        jsonOf(send("GET", "/customers?pageSize=100", "admin", null)).get("items").forEach(c -> names.add(c.get("name").asText()));
        assertThat(names).containsExactlyInAnyOrder("E2E 1", "E2E 2", "E2E 3", "E2E 4", "E2E 5", "E2E 11");

        List<String> events = Files.readAllLines(stack.dataDir().resolve("events.jsonl"));
        assertThat(events).anyMatch(e -> e.contains("\"detail-type\":\"ImportCompleted\"") && e.contains(replaceId));
        assertThat(String.join("\n", events)).doesNotContain("+39347", "E2E ");
    }

    @Test
    void theTemplatePresignedUploadAndExportWorkOverHttp() throws Exception {
        HttpResponse<byte[]> template = api.file("/imports/template", tokens.get("agent"));
        assertThat(template.statusCode()).isEqualTo(200);
        assertThat(read(template.body()).get(0)).startsWith("mobile *", "name");

        JsonNode upload = jsonOf(send("POST", "/imports", "agent", "{\"fileName\":\"web upload.xlsx\",\"mode\":\"upsert\",\"autoConfirm\":true}"));
        Map<String, String> signed = new LinkedHashMap<>();
        upload.get("headers").fields().forEachRemaining(h -> signed.put(h.getKey(), h.getValue().asText()));
        HttpResponse<String> stored = api.upload(upload.get("uploadUrl").asText(), signed,
                xlsx(List.of("mobile", "name"), List.of(List.of("+393489999001", "Web Upload"))));
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
        JsonNode job = awaitJob(upload.get("key").asText(), ImportEndToEndTest::settled);
        assertThat(job.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(job.get("counts").get("inserted").asInt()).isEqualTo(1);

        JsonNode export = completedExport();
        HttpResponse<byte[]> file = api.download(export.get("downloadUrl").asText());
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(read(file.body()).toString()).contains("+393489999001", "Web Upload");
    }

    @Test
    void anExportPastTheTenantsRetentionExpiresAtTheScheduledSweep() throws Exception {
        String exportId = completedExport().get("id").asText();
        String key = "exports/demo/" + exportId + ".xlsx";

        stack.runScheduled("RetentionSweeperFunction"); // fresh: kept
        assertThat(jsonOf(send("GET", "/exports/" + exportId, "agent", null)).get("status").asText()).isEqualTo("COMPLETED");
        try {
            stack.moveClock(Duration.ofDays(8)); // past the default retention.exportDays (7)
            stack.runScheduled("RetentionSweeperFunction");
            JsonNode expired = jsonOf(send("GET", "/exports/" + exportId, "agent", null));
            assertThat(expired.get("status").asText()).isEqualTo("EXPIRED");
            assertThat(expired.has("downloadUrl")).isFalse();
            assertThat(s3.listObjectsV2(b -> b.bucket(LocalStackConfig.BUCKET).prefix(key)).contents()).isEmpty();
        } finally {
            stack.moveClock(Duration.ZERO);
        }
    }
}
