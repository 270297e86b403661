package com.customerhub.imports;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.customerhub.core.identity.Identity;
import com.customerhub.core.identity.Role;
import com.customerhub.core.settings.SettingsService;
import com.customerhub.localaws.LocalDynamoDb;
import com.customerhub.localaws.SharedDynamoDb;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The retention sweeper as its schedule runs it, against DynamoDB Local and S3Proxy storing files on
 * disk: an object is made "old" by setting its file's modification time (S3Proxy's LastModified).
 * Small list pages and delete batches so that paging and batching are exercised.
 */
@ExtendWith(SharedDynamoDb.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetentionSweeperTest {
    private Path s3Dir;
    private ImportHarness harness;
    private RetentionSweeperHandler sweeper;

    @BeforeAll
    void start(LocalDynamoDb dynamo) throws IOException {
        s3Dir = Files.createTempDirectory("retention-s3");
        harness = new ImportHarness(dynamo, Map.of("retention.sweep.page-size", 2, "retention.sweep.delete-batch", 2), s3Dir);
        sweeper = new RetentionSweeperHandler(harness.context);
    }

    @AfterAll
    void stop() throws IOException {
        harness.close();
        try (Stream<Path> files = Files.walk(s3Dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void aTenantsRetentionDeletesItsOldReportsAndExportsAndTheirJobsSaySo() {
        String shortTenant = ImportHandlerTest.tenant();
        String defaultTenant = ImportHandlerTest.tenant();
        saveRetention(shortTenant, 1, 1);

        JsonNode oldImport = importWithErrors(shortTenant);
        String oldExport = export(shortTenant);
        JsonNode keptImport = importWithErrors(defaultTenant);
        String keptExport = export(defaultTenant);
        List.of(reportKey(shortTenant, oldImport), exportKey(shortTenant, oldExport), reportKey(defaultTenant, keptImport),
                exportKey(defaultTenant, keptExport)).forEach(key -> age(key, Duration.ofDays(2)));
        // objects no job points at (e.g. the job item already expired) go too; 3 of them make a second delete batch
        for (int i = 0; i < 3; i++) {
            String orphan = "reports/" + shortTenant + "/orphan-" + i + ".xlsx";
            harness.client.putObject(b -> b.bucket(ImportHarness.BUCKET).key(orphan), RequestBody.fromString("x"));
            age(orphan, Duration.ofDays(3));
        }
        JsonNode freshImport = importWithErrors(shortTenant);
        String freshExport = export(shortTenant);

        RetentionSweeper.Summary summary = runSweeper();

        assertThat(summary.deleted()).isEqualTo(5);
        assertThat(summary.left()).isZero();
        assertThat(summary.finished()).isTrue();
        assertThat(keys("reports/" + shortTenant + "/")).containsExactly(reportKey(shortTenant, freshImport));
        assertThat(keys("exports/" + shortTenant + "/")).containsExactly(exportKey(shortTenant, freshExport));
        assertThat(keys("reports/" + defaultTenant + "/")).containsExactly(reportKey(defaultTenant, keptImport));
        assertThat(keys("exports/" + defaultTenant + "/")).containsExactly(exportKey(defaultTenant, keptExport));

        // the import keeps its status and counts; its report link is gone and it says when the report went
        JsonNode expired = get(shortTenant, "/imports/" + oldImport.get("id").asText());
        assertThat(expired.get("status").asText()).isEqualTo("AWAITING_CONFIRMATION");
        assertThat(expired.has("reportUrl")).isFalse();
        assertThat(Instant.parse(expired.get("reportExpiredAt").asText())).isAfter(Instant.now().minusSeconds(60));
        assertThat(expired.get("counts").get("rejected").asInt()).isEqualTo(2);
        JsonNode fresh = get(shortTenant, "/imports/" + freshImport.get("id").asText());
        assertThat(Workbooks.read(harness.fromUrl(fresh.get("reportUrl").asText()))).hasSize(3);
        assertThat(fresh.has("reportExpiredAt")).isFalse();

        // the export answers EXPIRED with the reason, no download, the row count kept
        JsonNode expiredExport = get(shortTenant, "/exports/" + oldExport);
        assertThat(expiredExport.get("status").asText()).isEqualTo("EXPIRED");
        assertThat(expiredExport.has("downloadUrl")).isFalse();
        assertThat(expiredExport.get("reason").asText()).contains("1 days").contains("retention.exportDays");
        assertThat(expiredExport.get("rows").asLong()).isZero();
        assertThat(get(shortTenant, "/exports/" + freshExport).get("status").asText()).isEqualTo("COMPLETED");

        // the default tenant (30 / 7 days) keeps its 2-day-old report and export, links and all
        JsonNode kept = get(defaultTenant, "/imports/" + keptImport.get("id").asText());
        assertThat(Workbooks.read(harness.fromUrl(kept.get("reportUrl").asText()))).hasSize(3);
        JsonNode keptExportView = get(defaultTenant, "/exports/" + keptExport);
        assertThat(keptExportView.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(harness.fromUrl(keptExportView.get("downloadUrl").asText())).isNotEmpty();

        // an expired report does not stop the import: it can still be confirmed
        ImportHarness.Response confirmed = harness.call(shortTenant, "admin", "POST",
                "/imports/" + oldImport.get("id").asText() + "/confirm", null);
        assertThat(confirmed.status()).as(new String(confirmed.raw())).isEqualTo(202);
        harness.deliver();
        JsonNode applied = get(shortTenant, "/imports/" + oldImport.get("id").asText());
        assertThat(applied.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(applied.has("reportUrl")).isFalse();

        // a second run finds nothing more to delete
        assertThat(runSweeper().deleted()).isZero();
    }

    @Test
    void aTenantWhoseSettingsCannotBeReadKeepsItsFilesUntilTheyCanBe() {
        // never swept with the defaults instead: they could delete what the tenant chose to keep longer
        String tenant = ImportHandlerTest.tenant();
        harness.context.getBean(DynamoDbClient.class).putItem(b -> b.tableName("CustomersTable").item(Map.of(
                "pk", AttributeValue.fromS(tenant + "#SETTINGS"), "sk", AttributeValue.fromS("SETTINGS"),
                "retention", AttributeValue.fromS("not an object"))));
        String key = "exports/" + tenant + "/old.xlsx";
        harness.client.putObject(b -> b.bucket(ImportHarness.BUCKET).key(key), RequestBody.fromString("x"));
        age(key, Duration.ofDays(60));

        runSweeper();

        assertThat(keys("exports/" + tenant + "/")).containsExactly(key);
    }

    private RetentionSweeper.Summary runSweeper() {
        ScheduledEvent event = new ScheduledEvent().withDetailType("Scheduled Event").withSource("aws.events")
                .withResources(List.of("arn:aws:events:eu-west-1:123456789012:rule/RetentionSweeperFunctionHourly"));
        return sweeper.handleRequest(event, null);
    }

    private void saveRetention(String tenant, int reportDays, int exportDays) {
        ObjectNode body = harness.json.createObjectNode();
        body.putObject("retention").put("reportDays", reportDays).put("exportDays", exportDays);
        harness.context.getBean(SettingsService.class)
                .replace(new Identity(tenant, "admin-1", Set.of(Role.ADMIN), Optional.empty()), 0, body);
    }

    /** An upsert file with two bad rows: it waits for confirmation with a report of those rows. */
    private JsonNode importWithErrors(String tenant) {
        List<List<Object>> rows = ImportHandlerTest.customers(1, 2);
        rows.add(ImportHandlerTest.row("12345", "No prefix", null, null, 5, null, null));
        rows.add(ImportHandlerTest.row(ImportHandlerTest.mobile(9), null, "not-an-email", null, null, null, null));
        harness.drop("imports/" + tenant + "/upsert/file-" + System.nanoTime() + ".xlsx",
                Workbooks.xlsx(ImportHandlerTest.HEADERS, rows), false);
        harness.deliver();
        JsonNode job = harness.latestJob(tenant);
        assertThat(job.get("status").asText()).isEqualTo("AWAITING_CONFIRMATION");
        assertThat(job.get("reportUrl").asText()).isNotEmpty();
        return job;
    }

    private String export(String tenant) {
        ImportHarness.Response asked = harness.call(tenant, "admin", "POST", "/exports", null);
        assertThat(asked.status()).as(new String(asked.raw())).isEqualTo(202);
        harness.deliver();
        String id = asked.body().get("id").asText();
        assertThat(get(tenant, "/exports/" + id).get("status").asText()).isEqualTo("COMPLETED");
        return id;
    }

    private JsonNode get(String tenant, String path) {
        ImportHarness.Response response = harness.call(tenant, "admin", "GET", path, null);
        assertThat(response.status()).as(new String(response.raw())).isEqualTo(200);
        return response.body();
    }

    private static String reportKey(String tenant, JsonNode job) {
        return "reports/" + tenant + "/" + job.get("id").asText() + ".xlsx";
    }

    private static String exportKey(String tenant, String id) {
        return "exports/" + tenant + "/" + id + ".xlsx";
    }

    private List<String> keys(String prefix) {
        return harness.client.listObjectsV2Paginator(b -> b.bucket(ImportHarness.BUCKET).prefix(prefix)).contents()
                .stream().map(S3Object::key).toList();
    }

    /** Makes the object look written {@code age} ago: S3Proxy's LastModified is its file's modification time. */
    private void age(String key, Duration age) {
        Path file = s3Dir.resolve(ImportHarness.BUCKET).resolve(key);
        assertThat(file).as("S3Proxy keeps " + key + " as a file here").exists();
        try {
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(age)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
