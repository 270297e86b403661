package com.customerhub.benchmarks;

import com.customerhub.alerts.AlertEvaluator;
import com.customerhub.alerts.AlertRuleService;
import com.customerhub.alerts.Deadline;
import com.customerhub.alerts.RunSummary;
import com.customerhub.core.customer.Address;
import com.customerhub.core.customer.Channel;
import com.customerhub.core.customer.Customer;
import com.customerhub.core.customer.CustomerDraft;
import com.customerhub.core.customer.CustomerKeys;
import com.customerhub.core.customer.CustomerStats;
import com.customerhub.core.customer.CustomerType;
import com.customerhub.core.data.AttributeValues;
import com.customerhub.core.data.BatchWriter;
import com.customerhub.core.data.SortKeys;
import com.customerhub.core.identity.Identity;
import com.customerhub.core.identity.Role;
import com.customerhub.core.json.ObjectMapperSetup;
import com.customerhub.core.validation.Ids;
import com.customerhub.localaws.LocalDynamoDb;
import com.customerhub.localaws.SamTemplate;
import com.customerhub.localaws.TemplateTables;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.context.ApplicationContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The alert evaluator over 100,000 customers and 10 rules in DynamoDB Local (in this JVM), against
 * a raw parallel Scan of the same table at the same parallelism and page size, measured in the
 * same run just before each evaluation. Goals: an evaluation run at ≥ 0.7x the raw Scan's rate,
 * and a second run over unchanged data writing 0 items.
 */
public final class AlertEvaluatorBenchmark {
    static final int CUSTOMERS = Integer.getInteger("bench.customers", 100_000);
    static final int SEGMENTS = 4;
    static final int PAGE_LIMIT = 1000;
    static final String TENANT = "bench";
    static final int ROUNDS = 3;
    /** Customers of the warm-up tables: enough runs of every per-item method for the JIT to compile them. */
    static final int WARMUP_CUSTOMERS = Integer.getInteger("bench.warmupCustomers", 20_000);
    static final String WARMUP_PREFIX = "Warmup";
    /** Tables the raw first run writes its copies of the alerts into. */
    static final String RAW_WRITES_PREFIX = "RawWrites";
    /** Threads writing alerts, as many as the evaluator's writer pool. */
    static final int WRITERS = 16;

    private AlertEvaluatorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        SamTemplate template = SamTemplate.findFromWorkingDirectory();
        try (LocalDynamoDb dynamo = LocalDynamoDb.start(0, null); DynamoDbClient client = dynamo.client()) {
            TemplateTables.createAll(client, template);
            long loadStart = System.nanoTime();
            load(client, "CustomersTable", CUSTOMERS);
            System.out.printf(Locale.ROOT, "loaded %d customers in %.1f s%n", CUSTOMERS, seconds(loadStart));
            warmUp(client, dynamo, template);

            try (ApplicationContext context = evaluatorContext(dynamo, "")) {
                createRules(context, template.path().getParent().getParent());
                AlertEvaluator evaluator = context.getBean(AlertEvaluator.class);

                rawScan(client); // warm up the JIT, the SDK and DynamoDB Local's caches
                if (Boolean.getBoolean("bench.diagnose")) {
                    var repository = context.getBean(com.customerhub.core.customer.CustomerRepository.class);
                    System.out.printf(Locale.ROOT, "diagnose: raw %.0f/s, filtered %.0f/s, filtered+toCustomer %.0f/s, raw %.0f/s%n",
                            rawScan(client), scan(client, true, item -> { }), scan(client, true, repository::toCustomer), rawScan(client));
                }
                // the machine is shared and noisy: each run is compared with raw Scans right before and after it
                double scanBefore = rawScan(client);
                long start = System.nanoTime();
                RunSummary first = evaluator.run(Deadline.none());
                double firstRate = first.itemsScanned() / seconds(start);
                double scanAfter = rawScan(client);
                double firstRatio = firstRate / ((scanBefore + scanAfter) / 2);

                List<Double> ratios = new ArrayList<>();
                RunSummary second = null;
                for (int round = 0; round < ROUNDS; round++) {
                    double before = rawScan(client);
                    start = System.nanoTime();
                    RunSummary again = evaluator.run(Deadline.none());
                    double rate = again.itemsScanned() / seconds(start);
                    double after = rawScan(client);
                    ratios.add(rate / ((before + after) / 2));
                    second = second == null ? again : second;
                    System.out.printf(Locale.ROOT, "round %d: raw %.0f/s, evaluator %.0f/s, raw %.0f/s, writes %d%n",
                            round, before, rate, after, again.writes());
                }
                ratios.sort(Double::compare);
                double steadyRatio = ratios.get(ratios.size() / 2);
                double scan1 = scanBefore;
                System.out.printf(Locale.ROOT, "first run: %s%nsecond run: %s%n", first, second);
                RawFirstRun raw = rawFirstRun(client, template);
                System.out.printf(Locale.ROOT, "raw first run: a Scan alone %.1f s, the same Scan while %d alerts are batch-written %.1f s%n",
                        raw.scanAloneSeconds(), raw.alerts(), raw.scanAndWritesSeconds());
                BenchLine.print("alert_eval_raw_parallel_scan_rate", scan1, "items/s", ">", 0);
                BenchLine.print("alert_eval_first_run_rate_vs_raw_scan", firstRatio, "x", ">=", 0.7);
                BenchLine.print("alert_eval_steady_run_rate_vs_raw_scan_median", steadyRatio, "x", ">=", 0.7);
                // what the first run's goal asks of DynamoDB Local: its ceiling is a raw Scan carrying the same writes
                BenchLine.print("alert_eval_first_run_ceiling_raw_scan_with_writes_vs_raw_scan", raw.ceiling(), "x", ">", 0);
                BenchLine.print("alert_eval_first_run_vs_raw_scan_with_writes", firstRate / raw.scanAndWritesRate(), "x", ">", 0);
                BenchLine.print("alert_eval_first_run_alerts_raised", first.raised(), "alerts", ">", 0);
                BenchLine.print("alert_eval_second_run_writes", second.writes(), "items", "==", 0);
            }
        }
    }

    /**
     * A raw Scan alone and the same Scan while raw BatchWriteItems (as many threads as the evaluator's
     * writers, 25 items a request) put the alerts the first run raised into a copy of the table: the
     * first run's reads and writes without the evaluator. {@code ceiling} is the best ratio to a
     * read-only Scan that a run raising these alerts can reach on this DynamoDB.
     */
    record RawFirstRun(int alerts, long itemsScanned, double scanAloneSeconds, double scanAndWritesSeconds) {
        double ceiling() {
            return scanAloneSeconds / scanAndWritesSeconds;
        }

        double scanAndWritesRate() {
            return itemsScanned / scanAndWritesSeconds;
        }
    }

    private static RawFirstRun rawFirstRun(DynamoDbClient client, SamTemplate template) throws Exception {
        // read as the raw Scan reads (segments, small pages): one unpaged filtered Scan of this table is very slow in DynamoDB Local
        List<WriteRequest> alerts = java.util.Collections.synchronizedList(new ArrayList<>());
        scan(client, false, item -> {
            if (item.get("sk").s().startsWith("ALERT#")) {
                alerts.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
            }
        });
        TemplateTables.createAll(client, template, RAW_WRITES_PREFIX);
        long items = scanCount(client);
        long start = System.nanoTime();
        rawScan(client);
        double alone = seconds(start);
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        BatchWriter writer = new BatchWriter(client);
        start = System.nanoTime();
        List<Future<?>> writes = new ArrayList<>();
        for (int from25 = 0; from25 < alerts.size(); from25 += 25) {
            List<WriteRequest> batch = alerts.subList(from25, Math.min(alerts.size(), from25 + 25));
            writes.add(writers.submit(() -> writer.write(RAW_WRITES_PREFIX + "CustomersTable", batch)));
        }
        rawScan(client);
        for (Future<?> write : writes) {
            write.get();
        }
        double both = seconds(start);
        writers.shutdown();
        return new RawFirstRun(alerts.size(), items, alone, both);
    }

    /** Items in the measured table (what one raw Scan reads). */
    private static long scanCount(DynamoDbClient client) {
        return client.describeTable(b -> b.tableName("CustomersTable")).table().itemCount();
    }

    /**
     * Runs the evaluator over tables of its own (a first run that raises, then a steady one) before
     * anything is measured, as the raw Scan is run once before it is measured: otherwise the measured
     * first run would also pay for compiling the evaluator's code, and only that side would. The
     * measured tables are not touched.
     */
    private static void warmUp(DynamoDbClient client, LocalDynamoDb dynamo, SamTemplate template) throws Exception {
        long start = System.nanoTime();
        TemplateTables.createAll(client, template, WARMUP_PREFIX);
        load(client, WARMUP_PREFIX + "CustomersTable", WARMUP_CUSTOMERS);
        try (ApplicationContext context = evaluatorContext(dynamo, WARMUP_PREFIX)) {
            createRules(context, template.path().getParent().getParent());
            AlertEvaluator evaluator = context.getBean(AlertEvaluator.class);
            RunSummary raising = evaluator.run(Deadline.none());
            RunSummary steady = evaluator.run(Deadline.none());
            System.out.printf(Locale.ROOT, "warm-up on %d other customers in %.1f s: %s, then %s%n",
                    WARMUP_CUSTOMERS, seconds(start), raising, steady);
        }
    }

    private static ApplicationContext evaluatorContext(LocalDynamoDb dynamo, String tablePrefix) {
        return ApplicationContext.builder().properties(Map.of(
                "customers.table", tablePrefix + "CustomersTable", "guards.table", tablePrefix + "GuardsTable", "alert.rules.table", tablePrefix + "AlertRulesTable",
                "evaluator.scan.segments", Integer.toString(SEGMENTS), "evaluator.scan.limit", Integer.toString(PAGE_LIMIT),
                "aws.endpoint-override.dynamodb", dynamo.endpoint().toString(), "events.sink", "memory")).start();
    }

    /** Items per second of a Scan of the whole Customers table, SEGMENTS segments in parallel. */
    static double rawScan(DynamoDbClient client) throws Exception {
        return scan(client, false, item -> { });
    }

    /** The same Scan, optionally with the evaluator's filter, handing every item to {@code each}. */
    static double scan(DynamoDbClient client, boolean profilesOnly,
                       java.util.function.Consumer<Map<String, AttributeValue>> each) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(SEGMENTS);
        AtomicLong items = new AtomicLong();
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int segment = 0; segment < SEGMENTS; segment++) {
            int s = segment;
            done.add(threads.submit(() -> {
                Map<String, AttributeValue> from = null;
                do {
                    Map<String, AttributeValue> position = from;
                    ScanResponse page = client.scan(b -> {
                        b.tableName("CustomersTable").segment(s).totalSegments(SEGMENTS).limit(PAGE_LIMIT).exclusiveStartKey(position);
                        if (profilesOnly) {
                            b.filterExpression("sk = :p").expressionAttributeValues(Map.of(":p", AttributeValue.fromS("PROFILE")));
                        }
                    });
                    items.addAndGet(page.scannedCount());
                    page.items().forEach(each);
                    from = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
                } while (from != null);
                return null;
            }));
        }
        for (Future<?> future : done) {
            future.get();
        }
        threads.shutdown();
        return items.get() / seconds(start);
    }

    private static void createRules(ApplicationContext context, Path root) throws Exception {
        AlertRuleService rules = context.getBean(AlertRuleService.class);
        ObjectMapper json = new ObjectMapper();
        Identity admin = new Identity(TENANT, "bench-admin", Set.of(Role.ADMIN), Optional.empty());
        rules.create(admin, (ObjectNode) json.readTree(Files.readString(root.resolve("events/alert-evaluator/examples/pending-invoice-rule.json"))));
        String[][] more = {
                {"Open complaint", "CRITICAL", "{\"field\":\"stats.openComplaints\",\"op\":\"gt\",\"value\":0}"},
                {"Lapsed VIP", "WARNING", "{\"all\":[{\"field\":\"stats.lifecycle\",\"op\":\"eq\",\"value\":\"VIP\"},"
                        + "{\"field\":\"stats.lastPurchaseAt\",\"op\":\"olderThanDays\",\"value\":365}]}"},
                {"Lombardy business", "INFO", "{\"all\":[{\"field\":\"customerType\",\"op\":\"eq\",\"value\":\"B2B\"},"
                        + "{\"field\":\"address.region\",\"op\":\"eq\",\"value\":\"Lombardia\"}]}"},
                {"Solar lead off WhatsApp", "INFO", "{\"all\":[{\"field\":\"interests\",\"op\":\"contains\",\"value\":\"solar\"},"
                        + "{\"not\":{\"field\":\"preferredChannels\",\"op\":\"contains\",\"value\":\"WHATSAPP\"}},"
                        + "{\"field\":\"priority\",\"op\":\"lte\",\"value\":2}]}"},
                {"Key account", "INFO", "{\"all\":[{\"field\":\"priority\",\"op\":\"eq\",\"value\":1},{\"field\":\"tags\",\"op\":\"contains\",\"value\":\"key-account\"}]}"},
                {"Young newcomer", "INFO", "{\"all\":[{\"field\":\"age\",\"op\":\"gte\",\"value\":18},{\"field\":\"age\",\"op\":\"lt\",\"value\":21},"
                        + "{\"field\":\"stats.lifecycle\",\"op\":\"eq\",\"value\":\"NEW\"}]}"},
                {"Large debt", "CRITICAL", "{\"field\":\"stats.pendingInvoiceAmount\",\"op\":\"gt\",\"value\":500}"},
                {"Dormant", "INFO", "{\"all\":[{\"field\":\"stats.lastInteractionAt\",\"op\":\"olderThanDays\",\"value\":780},"
                        + "{\"field\":\"stats.purchaseCount\",\"op\":\"gt\",\"value\":0}]}"},
                {"Email preferred, no email", "WARNING", "{\"all\":[{\"field\":\"email\",\"op\":\"exists\",\"value\":false},"
                        + "{\"field\":\"preferredChannels\",\"op\":\"contains\",\"value\":\"EMAIL\"}]}"}};
        for (String[] rule : more) {
            rules.create(admin, (ObjectNode) json.readTree("{\"name\":\"" + rule[0] + "\",\"severity\":\"" + rule[1]
                    + "\",\"message\":\"" + rule[0] + " ({{id}})\",\"condition\":" + rule[2] + "}"));
        }
    }

    /** {@code count} varied customers of one tenant, written as the customer repository writes profiles. */
    private static void load(DynamoDbClient client, String table, int count) throws Exception {
        ObjectMapper json = ObjectMapperSetup.configure(new ObjectMapper());
        Ids ids = new Ids(Clock.systemUTC());
        Random random = new Random(7);
        String[] regions = {"Lombardia", "Lazio", "Piemonte", "Veneto", "Campania", "Sicilia", "Toscana", "Emilia-Romagna"};
        String[] interests = {"solar", "heat pumps", "ev charging", "gas", "insulation", "smart home"};
        Instant now = Instant.now();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<WriteRequest> all = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String id = ids.next();
            boolean b2b = random.nextInt(10) == 0;
            List<Channel> channels = random.nextBoolean() ? List.of(Channel.WHATSAPP, Channel.EMAIL)
                    : random.nextBoolean() ? List.of(Channel.EMAIL) : List.of(Channel.PHONE);
            String mobile = String.format(Locale.ROOT, "+39333%07d", i);
            CustomerDraft draft = new CustomerDraft(b2b ? CustomerType.B2B : CustomerType.B2C, "Customer " + i, "Name" + i, "Surname" + i,
                    today.minusYears(18 + random.nextInt(60)).minusDays(random.nextInt(365)), null, null, mobile,
                    random.nextInt(50) == 0 ? null : "customer" + i + "@example.com",
                    new Address("Via Roma " + i, null, "20121", "City", regions[random.nextInt(regions.length)], "IT"),
                    b2b ? "Company " + i : null, b2b ? "energy" : null, null,
                    List.of(interests[random.nextInt(interests.length)]), channels, 1 + random.nextInt(9), null, null,
                    "EXT-" + i, true, false, random.nextInt(50) == 0 ? List.of("key-account") : List.of("residential"),
                    null, null, null, false);
            int purchases = random.nextInt(12);
            boolean pending = random.nextInt(100) < 4;
            CustomerStats stats = new CustomerStats(
                    purchases == 0 ? CustomerStats.Lifecycle.NEW : purchases < 11 ? CustomerStats.Lifecycle.RETURNING : CustomerStats.Lifecycle.VIP,
                    purchases, purchases == 0 ? null : now.minus(Duration.ofDays(random.nextInt(400))),
                    random.nextInt(50) == 0 ? 1 : 0, pending ? 1 : 0,
                    pending ? BigDecimal.valueOf(20 + random.nextInt(800)) : BigDecimal.ZERO,
                    now.minus(Duration.ofDays(random.nextInt(800))),
                    pending ? today.plusDays(15 - random.nextInt(45)) : null);
            Instant created = now.minus(Duration.ofDays(random.nextInt(1000)));
            Customer customer = new Customer(id, draft, stats, null, 1, created, created);
            Map<String, AttributeValue> item = AttributeValues.fromObject((ObjectNode) json.valueToTree(customer));
            item.put(CustomerKeys.PK, AttributeValue.fromS(CustomerKeys.collection(TENANT, id)));
            item.put(CustomerKeys.SK, AttributeValue.fromS(CustomerKeys.PROFILE));
            item.put("itemType", AttributeValue.fromS("CUSTOMER"));
            item.put("tenantId", AttributeValue.fromS(TENANT));
            item.put(CustomerKeys.GSI1_PK, AttributeValue.fromS(CustomerKeys.listPartition(TENANT)));
            item.put(CustomerKeys.GSI1_SK, AttributeValue.fromS(SortKeys.instant(created) + "#" + id));
            item.put(CustomerKeys.GSI2_PK, AttributeValue.fromS(CustomerKeys.namePartition(TENANT)));
            item.put(CustomerKeys.GSI2_SK, AttributeValue.fromS(CustomerKeys.searchable(draft.name()) + "#" + id));
            all.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
        }
        BatchWriter writer = new BatchWriter(client);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        int chunk = 2_500;
        for (int from = 0; from < all.size(); from += chunk) {
            List<WriteRequest> part = all.subList(from, Math.min(all.size(), from + chunk));
            done.add(threads.submit(() -> writer.write(table, part)));
        }
        for (Future<?> future : done) {
            future.get();
        }
        threads.shutdown();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
