package com.customerhub.benchmarks;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import com.customerhub.core.customer.Channel;
import com.customerhub.core.customer.Customer;
import com.customerhub.core.customer.CustomerDraft;
import com.customerhub.core.customer.CustomerStats;
import com.customerhub.core.customer.CustomerType;
import com.customerhub.imports.ExportWriter;
import com.customerhub.imports.ImportApiHandler;
import com.customerhub.imports.ImportFunction;
import com.customerhub.imports.ImportProcessor;
import com.customerhub.imports.RowPlanner;
import com.customerhub.imports.WorkbookInspector;
import com.customerhub.localaws.ApiGatewayEvents;
import com.customerhub.localaws.LocalDynamoDb;
import com.customerhub.localaws.LocalS3;
import com.customerhub.localaws.SamTemplate;
import com.customerhub.localaws.TemplateTables;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The import/export benchmarks of the issue, each against a baseline measured in the same run on
 * the same data, printed as {@code BENCH <name> <value> <unit> goal <op> <target> PASS|FAIL}.
 * Arguments: {@code preview=N}, {@code apply=N}, {@code export=N} (rows).
 */
public final class ImportBenchmarks {
    static final List<String> HEADERS = List.of("mobile", "name", "email", "customerType", "firstName", "lastName",
            "company", "sector", "jobTitle", "priority", "externalId", "tags");

    public static void main(String[] args) throws Exception {
        Map<String, Integer> runs = new java.util.LinkedHashMap<>();
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            if (kv[0].equals("apiJar")) {
                apiJar(Path.of(kv[1]));
            } else {
                runs.put(kv[0], Integer.parseInt(kv[1]));
            }
        }
        System.out.printf(Locale.ROOT, "benchmarks: heap max %d MB, %d cores%n", Runtime.getRuntime().maxMemory() >> 20,
                Runtime.getRuntime().availableProcessors());
        if (runs.containsKey("preview")) {
            preview(runs.get("preview"));
        }
        if (runs.containsKey("export")) {
            export(runs.get("export"));
        }
        if (runs.containsKey("apply")) {
            apply(runs.get("apply"));
        }
        System.exit(0); // DynamoDB Local leaves non-daemon threads behind
    }

    /** Issue #9: an API function's jar is at most 25 MB (10^6 bytes); the import API has its own lean jar. */
    static void apiJar(Path jar) throws IOException {
        BenchLine.print("import_api_jar_size", Files.size(jar) / 1e6, "MB", "<=", 25);
    }


    static String mobile(int i) {
        return "+39333" + String.format(Locale.ROOT, "%07d", i);
    }

    /** A file of {@code rows} customers x 12 columns, written streaming (inline strings, like a large export). */
    static Path file(int rows) throws IOException {
        Path file = Files.createTempFile("bench-", ".xlsx");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            Workbook workbook = new Workbook(out, "bench", "1.0");
            workbook.setCompressionLevel(1);
            Worksheet sheet = workbook.newWorksheet("Customers");
            for (int c = 0; c < HEADERS.size(); c++) {
                sheet.inlineString(0, c, HEADERS.get(c));
            }
            for (int i = 1; i <= rows; i++) {
                sheet.inlineString(i, 0, mobile(i));
                sheet.inlineString(i, 1, "Customer " + i);
                sheet.inlineString(i, 2, "c" + i + "@example.com");
                sheet.inlineString(i, 3, i % 3 == 0 ? "B2B" : "B2C");
                sheet.inlineString(i, 4, "First" + i);
                sheet.inlineString(i, 5, "Last" + i);
                sheet.inlineString(i, 6, "Company " + (i % 1000));
                sheet.inlineString(i, 7, "Energy");
                sheet.inlineString(i, 8, "Manager");
                sheet.value(i, 9, 1 + i % 9);
                sheet.inlineString(i, 10, "EXT-" + i);
                sheet.inlineString(i, 11, "gold, north");
                if (i % 1000 == 0) {
                    sheet.flush();
                }
            }
            workbook.finish();
        }
        return file;
    }

    static ApplicationContext context(Map<String, Object> extra, Object... singletons) {
        Map<String, Object> properties = new HashMap<>(Map.of("customers.table", "CustomersTable", "imports.table", "ImportJobsTable",
                "events.sink", "memory", "imports.limits.max-rows", 1_048_576, "imports.limits.chunk-rows", 500));
        properties.put("guards.table", "GuardsTable");
        // the suppression list in use, as deployed (SUPPRESSION_SALT is set on every function that writes customers)
        properties.put("suppression.salt", "bench-salt");
        properties.putAll(extra);
        return ApplicationContext.builder().properties(properties).singletons(singletons).start();
    }

    // ------------------------------------------------------------------ preview

    static void preview(int rows) throws Exception {
        Path file = file(rows);
        System.out.printf(Locale.ROOT, "preview: %d rows x %d columns, %d MB file%n", rows, HEADERS.size(), Files.size(file) >> 20);
        try (ApplicationContext context = context(Map.of())) {
            ImportProcessor processor = context.getBean(ImportProcessor.class);
            WorkbookInspector inspector = context.getBean(WorkbookInspector.class);
            // warm-up on a slice, so both sides run compiled code
            rawRead(file(20_000));
            previewOnce(inspector, processor, file(20_000));

            double raw = Double.MAX_VALUE;
            double ours = Double.MAX_VALUE;
            for (int round = 0; round < 2; round++) {
                long t0 = System.nanoTime();
                long cells = rawRead(file);
                raw = Math.min(raw, (System.nanoTime() - t0) / 1e9);
                long t1 = System.nanoTime();
                ImportProcessor.Scan scan = previewOnce(inspector, processor, file);
                ours = Math.min(ours, (System.nanoTime() - t1) / 1e9);
                if (scan.counts().valid() != rows) {
                    throw new IllegalStateException("preview found " + scan.counts() + " cells " + cells);
                }
            }
            System.out.printf(Locale.ROOT, "preview: raw reader %.1f s (%.0f rows/s), preview %.1f s (%.0f rows/s), heap used after %d MB%n",
                    raw, rows / raw, ours, rows / ours, (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
            BenchLine.print("import_preview_rows_per_s", rows / ours, "rows/s", ">=", 0);
            BenchLine.print("import_preview_vs_raw_reader", raw / ours, "ratio", ">=", 0.6);
        }
    }

    static ImportProcessor.Scan previewOnce(WorkbookInspector inspector, ImportProcessor processor, Path file) throws IOException {
        inspector.inspect(file);
        ImportProcessor.Scan scan = processor.scan(file, "bench", true, new RowPlanner.FileKeys());
        scan.report().discard();
        return scan;
    }

    /** The baseline: fastexcel-reader alone, every cell's text touched. */
    static long rawRead(Path file) throws IOException {
        long cells = 0;
        try (ReadableWorkbook workbook = new ReadableWorkbook(file.toFile()); var stream = workbook.getFirstSheet().openStream()) {
            for (Row row : (Iterable<Row>) stream::iterator) {
                for (int c = 0; c < row.getCellCount(); c++) {
                    String text = row.getCellText(c);
                    cells += text.isEmpty() ? 0 : 1;
                }
            }
        }
        return cells;
    }

    // ------------------------------------------------------------------ export

    static Iterator<Customer> customers(int count) {
        Instant now = Instant.parse("2026-11-23T12:00:00Z");
        return new Iterator<>() {
            int i = 0;

            @Override
            public boolean hasNext() {
                return i < count;
            }

            @Override
            public Customer next() {
                i++;
                CustomerDraft draft = new CustomerDraft(i % 3 == 0 ? CustomerType.B2B : CustomerType.B2C, "Customer " + i, "First" + i,
                        "Last" + i, null, null, null, mobile(i), "c" + i + "@example.com", null, "Company " + (i % 1000), "Energy",
                        "Manager", null, List.of(Channel.EMAIL, Channel.WHATSAPP), 1 + i % 9, null, i % 10 == 0 ? "=1+1 in notes" : null,
                        "EXT-" + i, Boolean.TRUE, null, List.of("gold", "north"), null, null, null, null);
                return new Customer("01J" + String.format(Locale.ROOT, "%023d", i), draft, CustomerStats.empty(), null, 1, now, now);
            }
        };
    }

    static void export(int rows) throws Exception {
        try (ApplicationContext context = context(Map.of())) {
            ExportWriter writer = context.getBean(ExportWriter.class);
            Files.deleteIfExists(writer.write(customers(20_000)).file()); // warm-up
            Files.deleteIfExists(rawWrite(customers(20_000)));
            double raw = Double.MAX_VALUE;
            double ours = Double.MAX_VALUE;
            long size = 0;
            for (int round = 0; round < 2; round++) {
                long t0 = System.nanoTime();
                Path rawFile = rawWrite(customers(rows));
                raw = Math.min(raw, (System.nanoTime() - t0) / 1e9);
                Files.delete(rawFile);
                long t1 = System.nanoTime();
                ExportWriter.Written written = writer.write(customers(rows));
                ours = Math.min(ours, (System.nanoTime() - t1) / 1e9);
                size = Files.size(written.file());
                Files.delete(written.file());
            }
            System.out.printf(Locale.ROOT, "export: %d rows, raw writer %.1f s, export %.1f s, %d MB file, heap used after %d MB%n",
                    rows, raw, ours, size >> 20, (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
            BenchLine.print("export_rows_per_s", rows / ours, "rows/s", ">=", 0);
            BenchLine.print("export_vs_raw_writer", raw / ours, "ratio", ">=", 0.7);
        }
    }

    /** The baseline: fastexcel alone writing the same cells of the same customers. */
    static Path rawWrite(Iterator<Customer> customers) throws IOException {
        Path file = Files.createTempFile("raw-", ".xlsx");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            Workbook workbook = new Workbook(out, "bench", "1.0");
            workbook.setCompressionLevel(1);
            Worksheet sheet = workbook.newWorksheet("Customers");
            int r = 0;
            while (customers.hasNext()) {
                CustomerDraft f = customers.next().fields();
                r++;
                sheet.inlineString(r, 0, f.mobile());
                sheet.inlineString(r, 1, f.name());
                sheet.inlineString(r, 2, f.email());
                sheet.inlineString(r, 3, f.customerType().name());
                sheet.inlineString(r, 4, f.firstName());
                sheet.inlineString(r, 5, f.lastName());
                sheet.inlineString(r, 6, f.company());
                sheet.inlineString(r, 7, f.sector());
                sheet.inlineString(r, 8, f.jobTitle());
                sheet.value(r, 9, f.priority());
                if (f.notes() != null) {
                    sheet.inlineString(r, 11, f.notes());
                }
                sheet.inlineString(r, 12, f.externalId());
                sheet.value(r, 13, f.keepHistory());
                sheet.inlineString(r, 14, String.join(", ", f.tags()));
                sheet.inlineString(r, 15, "EMAIL, WHATSAPP");
                if (r % 512 == 0) {
                    sheet.flush();
                }
            }
            workbook.finish();
        }
        return file;
    }

    // ------------------------------------------------------------------ apply

    static void apply(int rows) throws Exception {
        Path dbDir = Files.createTempDirectory("bench-dynamo");
        try (LocalDynamoDb dynamo = LocalDynamoDb.start(0, null); LocalS3 s3 = LocalS3.start(0, null, store -> store)) {
            try (DynamoDbClient client = dynamo.client()) {
                TemplateTables.createAll(client, SamTemplate.findFromWorkingDirectory());
            }
            s3.createBucket("bench");
            int concurrency = 8;
            WrittenItems written = new WrittenItems(Set.of("CustomersTable", "GuardsTable"));
            try (ApplicationContext context = context(Map.of("aws.endpoint-override.dynamodb", dynamo.endpoint().toString(),
                    "aws.endpoint-override.s3", s3.endpoint().toString(), "import.bucket", "bench",
                    "imports.limits.concurrency", concurrency), written);
                 S3Client s3Client = s3.client(); DynamoDbClient raw = dynamo.client()) {
                ImportFunction function = new ImportFunction(context);
                ImportApiHandler api = new ImportApiHandler(context);
                Path file = file(rows);
                String key = "imports/bench/upsert/bench.xlsx";
                s3Client.putObject(b -> b.bucket("bench").key(key), RequestBody.fromFile(file));
                String eTag = s3Client.headObject(b -> b.bucket("bench").key(key)).eTag();
                long p0 = System.nanoTime();
                function.handleRequest(event("bench", key, eTag), null);
                System.out.printf(Locale.ROOT, "apply: preview of %d rows %.1f s%n", rows, (System.nanoTime() - p0) / 1e9);
                JsonNode job = call(api, "GET", "/imports", null).get("items").get(0);
                String id = job.get("id").asText();
                call(api, "POST", "/imports/" + id + "/confirm", null);
                long t0 = System.nanoTime();
                function.handleRequest(event("bench", "control/bench/apply/" + id + ".json", null), null);
                double ours = (System.nanoTime() - t0) / 1e9;
                JsonNode done = call(api, "GET", "/imports/" + id, null);
                if (!done.get("status").asText().equals("COMPLETED") || done.get("counts").get("inserted").asInt() != rows) {
                    throw new IllegalStateException("apply did not complete: " + done);
                }
                // the baseline: the very items the apply wrote (as its client sent them), copied into another
                // tenant with raw BatchWriteItem. Not read back with a Scan: DynamoDB Local pages a Scan of a
                // table this size ever more slowly (295,000 of 1.8 million items in 23 minutes).
                Map<String, List<WriteRequest>> items = written.copiesUnder("copy");
                int count = items.values().stream().mapToInt(List::size).sum();
                System.out.printf(Locale.ROOT, "apply: the apply wrote %d distinct items (%d guards); the tables hold %d%n", count,
                        items.getOrDefault("GuardsTable", List.of()).size(),
                        raw.describeTable(b -> b.tableName("CustomersTable")).table().itemCount()
                                + raw.describeTable(b -> b.tableName("GuardsTable")).table().itemCount());
                long t1 = System.nanoTime();
                batchWrite(raw, items, concurrency);
                double baseline = (System.nanoTime() - t1) / 1e9;
                System.out.printf(Locale.ROOT, "apply: %d rows (%d items) apply %.1f s (%.0f rows/s), raw BatchWriteItem of the same items %.1f s%n",
                        rows, count, ours, rows / ours, baseline);
                BenchLine.print("import_apply_rows_per_s", rows / ours, "rows/s", ">=", 0);
                BenchLine.print("import_apply_vs_raw_batch_write", baseline / ours, "ratio", ">=", 0.8);
                Files.deleteIfExists(file);
            }
        } finally {
            Files.deleteIfExists(dbDir);
        }
    }

    /**
     * Records every item the function's DynamoDB client puts into one table (batch puts, transaction
     * puts, single puts), the last write of each key, so the apply baseline can write the same items.
     */
    static final class WrittenItems implements ExecutionInterceptor {
        private final Set<String> tables;
        private final Map<List<String>, Map<String, AttributeValue>> items = new ConcurrentHashMap<>();

        WrittenItems(Set<String> tables) {
            this.tables = tables;
        }

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            SdkRequest request = context.request();
            if (request instanceof BatchWriteItemRequest batch) {
                batch.requestItems().forEach((table, writes) -> writes.stream()
                        .filter(write -> write.putRequest() != null).forEach(write -> record(table, write.putRequest().item())));
            } else if (request instanceof TransactWriteItemsRequest transaction) {
                transaction.transactItems().stream().filter(item -> item.put() != null)
                        .forEach(item -> record(item.put().tableName(), item.put().item()));
            } else if (request instanceof PutItemRequest put) {
                record(put.tableName(), put.item());
            }
        }

        private void record(String table, Map<String, AttributeValue> item) {
            if (tables.contains(table)) {
                items.put(List.of(table, item.get("pk").s(), item.get("sk").s()), item);
            }
        }

        /** The recorded items as puts by table, each partition key prefixed (another tenant). */
        Map<String, List<WriteRequest>> copiesUnder(String prefix) {
            Map<String, List<WriteRequest>> copies = new HashMap<>();
            items.forEach((key, item) -> {
                Map<String, AttributeValue> copy = new HashMap<>(item);
                copy.put("pk", AttributeValue.fromS(prefix + item.get("pk").s()));
                copies.computeIfAbsent(key.get(0), t -> new ArrayList<>())
                        .add(WriteRequest.builder().putRequest(PutRequest.builder().item(copy).build()).build());
            });
            return copies;
        }
    }

    static void batchWrite(DynamoDbClient dynamo, Map<String, List<WriteRequest>> itemsByTable, int concurrency) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        List<Future<?>> futures = new ArrayList<>();
        itemsByTable.forEach((table, items) -> {
            for (int from = 0; from < items.size(); from += 25) {
                List<WriteRequest> batch = items.subList(from, Math.min(from + 25, items.size()));
                futures.add(pool.submit(() -> {
                    List<WriteRequest> pending = batch;
                    while (!pending.isEmpty()) {
                        List<WriteRequest> send = pending;
                        var response = dynamo.batchWriteItem(b -> b.requestItems(Map.of(table, send)));
                        pending = response.unprocessedItems().getOrDefault(table, List.of());
                    }
                }));
            }
        });
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
    }

    static S3Event event(String bucket, String key, String eTag) {
        var object = new S3EventNotification.S3ObjectEntity(key, 0L, eTag == null ? null : eTag.replace("\"", ""), null, null);
        var bucketEntity = new S3EventNotification.S3BucketEntity(bucket, new S3EventNotification.UserIdentityEntity("bench"), "arn:aws:s3:::" + bucket);
        var record = new S3EventNotification.S3EventNotificationRecord("us-east-1", "ObjectCreated:Put", "aws:s3", null, "2.1",
                null, null, new S3EventNotification.S3Entity("bench", bucketEntity, object, "1.0"), null);
        return new S3Event(List.of(record));
    }

    static JsonNode call(ImportApiHandler api, String method, String path, String body) throws IOException {
        var event = ApiGatewayEvents.build(method, path, "", body == null ? Map.of() : Map.of("content-type", "application/json"),
                body == null ? null : body.getBytes(StandardCharsets.UTF_8), method + " " + path,
                Map.of("sub", "bench", "custom:tenantId", "bench", "cognito:groups", "[admin]"));
        APIGatewayV2HTTPResponse response = api.handleRequest(event, null);
        return new ObjectMapper().readTree(response.getBody());
    }
}
