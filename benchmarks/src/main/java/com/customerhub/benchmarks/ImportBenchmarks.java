package com.customerhub.benchmarks;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import com.customerhub.core.customer.Channel;
import com.customerhub.core.data.BatchWriter;
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
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
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
        // the plan reads whether the tenant has suppressed anyone (once a run), so DynamoDB Local with empty tables is there
        try (LocalDynamoDb dynamo = LocalDynamoDb.start(0, null);
             ApplicationContext context = context(Map.of("aws.endpoint-override.dynamodb", dynamo.endpoint().toString()))) {
            try (DynamoDbClient client = dynamo.client()) {
                TemplateTables.createAll(client, SamTemplate.findFromWorkingDirectory());
            }
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

    /** Rows of the apply benchmark's warm-up, imported and copied raw before either side is measured. */
    static final int APPLY_WARMUP_ROWS = Integer.getInteger("bench.apply.warmupRows", 3_000);
    static final String RAW_TABLES = "Raw";

    static void apply(int rows) throws Exception {
        try (LocalDynamoDb dynamo = LocalDynamoDb.start(0, null); LocalS3 s3 = LocalS3.start(0, null, store -> store)) {
            SamTemplate template = SamTemplate.findFromWorkingDirectory();
            try (DynamoDbClient client = dynamo.client()) {
                TemplateTables.createAll(client, template);
                // the baseline writes into tables of its own, as empty as the apply's were
                TemplateTables.createAll(client, template, RAW_TABLES);
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
                // warm-up: an apply for another tenant, then its items copied raw, so that both measured sides
                // run code the JIT has compiled (the apply's, the SDK's and DynamoDB Local's own)
                applyOnce(function, api, s3Client, "warmup", APPLY_WARMUP_ROWS);
                Map<String, List<WriteRequest>> warmupItems = written.takeCopies(RAW_TABLES, "copy");
                batchWrite(raw, warmupItems, concurrency);
                double ours = applyOnce(function, api, s3Client, "bench", rows);
                // the baseline: the very items the apply wrote (as its client sent them), copied into the raw tables
                // with BatchWriteItem. Not read back with a Scan: DynamoDB Local pages a Scan of a table this size
                // ever more slowly (295,000 of 1.8 million items in 23 minutes).
                Map<String, List<WriteRequest>> items = written.takeCopies(RAW_TABLES, "copy");
                int count = items.values().stream().mapToInt(List::size).sum();
                int warmupCount = warmupItems.values().stream().mapToInt(List::size).sum();
                System.out.printf(Locale.ROOT, "apply: the apply wrote %d distinct items (%d guards); the tables hold %d (%d of them the warm-up's)%n",
                        count, items.getOrDefault(RAW_TABLES + "GuardsTable", List.of()).size(),
                        raw.describeTable(b -> b.tableName("CustomersTable")).table().itemCount()
                                + raw.describeTable(b -> b.tableName("GuardsTable")).table().itemCount(), warmupCount);
                long t1 = System.nanoTime();
                batchWrite(raw, items, concurrency);
                double baseline = (System.nanoTime() - t1) / 1e9;
                System.out.printf(Locale.ROOT, "apply: %d rows (%d items) apply %.1f s (%.0f rows/s), raw BatchWriteItem of the same items %.1f s%n",
                        rows, count, ours, rows / ours, baseline);
                BenchLine.print("import_apply_rows_per_s", rows / ours, "rows/s", ">=", 0);
                BenchLine.print("import_apply_vs_raw_batch_write", baseline / ours, "ratio", ">=", 0.8);
                if (Boolean.getBoolean("bench.apply.intoApplyTables")) {
                    // the same items once more, into the apply's own tables (which hold its items) under other keys
                    Map<String, List<WriteRequest>> again = new HashMap<>();
                    items.forEach((table, writes) -> again.put(table.substring(RAW_TABLES.length()), writes.stream()
                            .map(w -> {
                                Map<String, AttributeValue> item = new HashMap<>(w.putRequest().item());
                                item.put("pk", AttributeValue.fromS("again" + item.get("pk").s()));
                                return WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build();
                            }).toList()));
                    otherBaseline(raw, again, concurrency, ours, "into the apply's tables", "into_apply_tables");
                }
                if (Boolean.getBoolean("bench.apply.shuffled")) {
                    // the same items in another order (the order of a hash map), into tables of their own
                    try (DynamoDbClient client = dynamo.client()) {
                        TemplateTables.createAll(client, template, "Shuffled");
                    }
                    Map<String, List<WriteRequest>> shuffled = new HashMap<>();
                    items.forEach((table, writes) -> {
                        List<WriteRequest> copy = new ArrayList<>(writes);
                        java.util.Collections.shuffle(copy, new java.util.Random(7));
                        shuffled.put(table.replace(RAW_TABLES, "Shuffled"), copy);
                    });
                    otherBaseline(raw, shuffled, concurrency, ours, "shuffled", "shuffled");
                }
                if (Boolean.getBoolean("bench.apply.pattern")) {
                    // the same items a third time, written as the apply writes them but without the apply
                    try (DynamoDbClient client = dynamo.client()) {
                        TemplateTables.createAll(client, template, PATTERN_TABLES);
                    }
                    long t2 = System.nanoTime();
                    writeAsTheApplyDoes(raw, items, concurrency);
                    double pattern = (System.nanoTime() - t2) / 1e9;
                    System.out.printf(Locale.ROOT, "apply: the apply's write pattern with the same items, without the apply: %.1f s%n", pattern);
                    BenchLine.info("import_apply_write_pattern_vs_raw_batch_write", baseline / pattern, "ratio");
                    BenchLine.info("import_apply_vs_its_write_pattern", pattern / ours, "ratio");
                }
            }
        }
    }

    /** One more raw baseline of the same items (an info line): {@code items} written with {@link #batchWrite}, timed against the apply's seconds. */
    private static void otherBaseline(DynamoDbClient raw, Map<String, List<WriteRequest>> items, int concurrency, double ours,
                                      String how, String name) throws Exception {
        long start = System.nanoTime();
        batchWrite(raw, items, concurrency);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "apply: raw BatchWriteItem of the same items %s: %.1f s%n", how, seconds);
        BenchLine.info("import_apply_vs_raw_batch_write_" + name, seconds / ours, "ratio");
    }

    /** Drops a file of {@code rows} rows for {@code tenant}, previews it, confirms it and applies it; the apply's seconds. */
    private static double applyOnce(ImportFunction function, ImportApiHandler api, S3Client s3Client, String tenant, int rows) throws Exception {
        Path file = file(rows);
        String key = "imports/" + tenant + "/upsert/" + tenant + ".xlsx";
        s3Client.putObject(b -> b.bucket("bench").key(key), RequestBody.fromFile(file));
        Files.delete(file);
        String eTag = s3Client.headObject(b -> b.bucket("bench").key(key)).eTag();
        long p0 = System.nanoTime();
        function.handleRequest(event("bench", key, eTag), null);
        System.out.printf(Locale.ROOT, "apply: %s: preview of %d rows %.1f s%n", tenant, rows, (System.nanoTime() - p0) / 1e9);
        JsonNode job = call(api, tenant, "GET", "/imports", null).get("items").get(0);
        String id = job.get("id").asText();
        call(api, tenant, "POST", "/imports/" + id + "/confirm", null);
        long t0 = System.nanoTime();
        function.handleRequest(event("bench", "control/" + tenant + "/apply/" + id + ".json", null), null);
        double seconds = (System.nanoTime() - t0) / 1e9;
        JsonNode done = call(api, tenant, "GET", "/imports/" + id, null);
        if (!done.get("status").asText().equals("COMPLETED") || done.get("counts").get("inserted").asInt() != rows) {
            throw new IllegalStateException("apply did not complete: " + done);
        }
        return seconds;
    }

    /**
     * Records the bodies of the function's DynamoDB write requests (batch puts, transactions, single
     * puts) as sent, one byte array a request: holding the apply's items as SDK objects meanwhile
     * (some 30 million objects at 100,000 rows) made the garbage collector, which stops DynamoDB Local
     * too, work for the benchmark during the apply and not during the baseline. The items are decoded
     * once the apply is done; the last write of each key counts.
     */
    static final class WrittenItems implements ExecutionInterceptor {
        private final Set<String> tables;
        private final List<byte[]> bodies = java.util.Collections.synchronizedList(new ArrayList<>());

        WrittenItems(Set<String> tables) {
            this.tables = tables;
        }

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            SdkRequest request = context.request();
            if (request instanceof BatchWriteItemRequest || request instanceof TransactWriteItemsRequest || request instanceof PutItemRequest) {
                context.requestBody().ifPresent(body -> {
                    try (var in = body.contentStreamProvider().newStream()) {
                        bodies.add(in.readAllBytes());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }

        /**
         * The items recorded since the last call, as puts by table (named {@code tablePrefix + table}),
         * each partition key prefixed with {@code keyPrefix}; the record is emptied.
         */
        Map<String, List<WriteRequest>> takeCopies(String tablePrefix, String keyPrefix) throws IOException {
            List<byte[]> sent;
            synchronized (bodies) {
                sent = new ArrayList<>(bodies);
                bodies.clear();
            }
            ObjectMapper json = new ObjectMapper();
            Map<List<String>, Map<String, AttributeValue>> items = new java.util.LinkedHashMap<>();
            for (int i = 0; i < sent.size(); i++) {
                JsonNode body = json.readTree(sent.get(i));
                sent.set(i, null); // decoded: let it go
                body.path("RequestItems").fields().forEachRemaining(table -> table.getValue()
                        .forEach(write -> record(items, table.getKey(), write.path("PutRequest").path("Item"))));
                body.path("TransactItems").forEach(item -> record(items, item.path("Put").path("TableName").asText(), item.path("Put").path("Item")));
                if (body.has("Item")) {
                    record(items, body.path("TableName").asText(), body.path("Item"));
                }
            }
            Map<String, List<WriteRequest>> copies = new HashMap<>();
            items.forEach((key, item) -> {
                item.put("pk", AttributeValue.fromS(keyPrefix + item.get("pk").s()));
                copies.computeIfAbsent(tablePrefix + key.get(0), t -> new ArrayList<>())
                        .add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
            });
            return copies;
        }

        private void record(Map<List<String>, Map<String, AttributeValue>> items, String table, JsonNode item) {
            if (tables.contains(table) && item.isObject()) {
                Map<String, AttributeValue> decoded = DynamoJson.item(item);
                List<String> key = List.of(table, decoded.get("pk").s(), decoded.get("sk").s());
                items.remove(key); // the last write goes last
                items.put(key, decoded);
            }
        }
    }

    static final String PATTERN_TABLES = "Pattern";
    private static final int GUARDS_A_TRANSACTION = 99;
    private static final int GUARD_THREADS = 2;

    /**
     * The apply's writes without the apply: the guards in transactions of 99 conditional puts (the
     * apply's condition) on two threads, beside the other items' batch puts, every request holding
     * one of {@code concurrency} permits, as the apply's writer pool does; into the pattern tables.
     * What DynamoDB Local allows an apply that keeps keys unique, whatever the apply does around it.
     */
    static void writeAsTheApplyDoes(DynamoDbClient dynamo, Map<String, List<WriteRequest>> itemsByTable, int concurrency) throws Exception {
        List<WriteRequest> guards = itemsByTable.getOrDefault(RAW_TABLES + "GuardsTable", List.of());
        List<WriteRequest> others = itemsByTable.getOrDefault(RAW_TABLES + "CustomersTable", List.of());
        String guardTable = PATTERN_TABLES + "GuardsTable";
        String otherTable = PATTERN_TABLES + "CustomersTable";
        java.util.concurrent.Semaphore permits = new java.util.concurrent.Semaphore(concurrency, true);
        BatchWriter batches = new BatchWriter(dynamo);
        ExecutorService puts = Executors.newFixedThreadPool(concurrency);
        ExecutorService guardWriters = Executors.newFixedThreadPool(GUARD_THREADS);
        List<Future<?>> futures = new ArrayList<>();
        int transactions = (guards.size() + GUARDS_A_TRANSACTION - 1) / GUARDS_A_TRANSACTION;
        int batchesPerTransaction = Math.max(1, (others.size() / 25 + 1) / Math.max(1, transactions));
        int nextBatch = 0;
        for (int t = 0; t < transactions || nextBatch < others.size(); t++) {
            if (t < transactions) {
                List<TransactWriteItem> puts99 = guards.subList(t * GUARDS_A_TRANSACTION, Math.min(guards.size(), (t + 1) * GUARDS_A_TRANSACTION))
                        .stream().map(w -> w.putRequest().item()).map(item -> TransactWriteItem.builder().put(Put.builder().tableName(guardTable)
                                .item(item).conditionExpression("attribute_not_exists(pk) OR customerId = :owner")
                                .expressionAttributeValues(Map.of(":owner", item.get("customerId")))
                                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build()).build()).toList();
                futures.add(guardWriters.submit(() -> withPermit(permits, () -> dynamo.transactWriteItems(b -> b.transactItems(puts99)))));
            }
            for (int b = 0; b < batchesPerTransaction && nextBatch < others.size(); b++, nextBatch += 25) {
                List<WriteRequest> batch = others.subList(nextBatch, Math.min(others.size(), nextBatch + 25));
                futures.add(puts.submit(() -> withPermit(permits, () -> {
                    batches.write(otherTable, batch);
                    return null;
                })));
            }
        }
        for (Future<?> f : futures) {
            f.get();
        }
        puts.shutdown();
        guardWriters.shutdown();
    }

    private static <T> T withPermit(java.util.concurrent.Semaphore permits, java.util.function.Supplier<T> request) {
        permits.acquireUninterruptibly();
        try {
            return request.get();
        } finally {
            permits.release();
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
        return call(api, "bench", method, path, body);
    }

    static JsonNode call(ImportApiHandler api, String tenant, String method, String path, String body) throws IOException {
        var event = ApiGatewayEvents.build(method, path, "", body == null ? Map.of() : Map.of("content-type", "application/json"),
                body == null ? null : body.getBytes(StandardCharsets.UTF_8), method + " " + path,
                Map.of("sub", "bench", "custom:tenantId", tenant, "cognito:groups", "[admin]"));
        APIGatewayV2HTTPResponse response = api.handleRequest(event, null);
        return new ObjectMapper().readTree(response.getBody());
    }
}
