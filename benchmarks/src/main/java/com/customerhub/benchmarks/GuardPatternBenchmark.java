package com.customerhub.benchmarks;

import com.customerhub.localaws.LocalDynamoDb;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The import apply's write pattern alone, without the import: rows of 15 plain items and 3
 * uniqueness guards written to DynamoDB Local by 8 request threads, three ways: everything with
 * {@code BatchWriteItem} (the apply benchmark's baseline), the guards in transactions of 99
 * conditional puts on 2 of the 8 threads beside batch puts (the apply's pattern), and the guards as
 * single conditional {@code PutItem}s instead. It prints how fast each conditional pattern is against
 * the plain one: the bound DynamoDB Local sets on any apply that keeps mobiles, emails and external
 * ids unique against concurrent writers, whatever the apply does around it. Each way runs twice in
 * one JVM (the first is a warm-up), on tables of its own.
 */
public final class GuardPatternBenchmark {
    private static final int ITEMS_A_ROW = 15;
    private static final String[] GUARDS = {"MOBILE", "EMAIL", "EXTERNAL_ID"};
    private static final int ROWS_A_TRANSACTION = 33;
    private static final int THREADS = 8;
    private static final int GUARD_THREADS = 2;

    private enum Pattern { BATCH_ONLY, GUARD_TRANSACTIONS, GUARD_SINGLE_PUTS }

    private final DynamoDbClient dynamo;
    private int tables;

    private GuardPatternBenchmark(DynamoDbClient dynamo) {
        this.dynamo = dynamo;
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 6_000;
        try (LocalDynamoDb local = LocalDynamoDb.start(0, null)) {
            GuardPatternBenchmark bench = new GuardPatternBenchmark(local.client());
            Map<Pattern, Long> millis = new HashMap<>();
            for (int round = 0; round < 2; round++) {
                for (Pattern pattern : Pattern.values()) {
                    long took = bench.run(pattern, rows);
                    System.out.printf("guard pattern: %s, %d rows (%d items), round %d: %d ms%n", pattern, rows,
                            rows * (ITEMS_A_ROW + GUARDS.length), round + 1, took);
                    millis.put(pattern, took);
                }
            }
            double batch = millis.get(Pattern.BATCH_ONLY);
            BenchLine.info("guard_pattern_transactions_vs_batch", batch / millis.get(Pattern.GUARD_TRANSACTIONS), "ratio");
            BenchLine.info("guard_pattern_single_puts_vs_batch", batch / millis.get(Pattern.GUARD_SINGLE_PUTS), "ratio");
        }
        System.exit(0); // DynamoDB Local leaves non-daemon threads
    }

    private long run(Pattern pattern, int rows) throws Exception {
        String items = table("Items");
        String guards = table("Guards");
        boolean guardsApart = pattern != Pattern.BATCH_ONLY;
        ExecutorService puts = Executors.newFixedThreadPool(guardsApart ? THREADS - GUARD_THREADS : THREADS);
        ExecutorService guardWriters = Executors.newFixedThreadPool(GUARD_THREADS);
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int from = 0; from < rows; from += ROWS_A_TRANSACTION) {
            int to = Math.min(rows, from + ROWS_A_TRANSACTION);
            List<WriteRequest> batch = new ArrayList<>();
            List<Put> guardPuts = new ArrayList<>();
            for (int row = from; row < to; row++) {
                for (int i = 0; i < ITEMS_A_ROW; i++) {
                    batch.add(put(Map.of("pk", s("t#C" + row), "sk", s("ITEM#" + i), "name", s("Customer " + row), "text", s("x".repeat(80)))));
                }
                for (String kind : GUARDS) {
                    Map<String, AttributeValue> guard = Map.of("pk", s("t#" + kind + "#" + row), "sk", s("GUARD"),
                            "customerId", s("C" + row), "tenantId", s("t"), "itemType", s("GUARD"));
                    guardPuts.add(Put.builder().tableName(guards).item(guard)
                            .conditionExpression("attribute_not_exists(pk) OR customerId = :owner")
                            .expressionAttributeValues(Map.of(":owner", s("C" + row))).build());
                }
            }
            switch (pattern) {
                case BATCH_ONLY -> guardPuts.forEach(p -> batch.add(put(p.item())));
                case GUARD_TRANSACTIONS -> done.add(guardWriters.submit(() -> dynamo.transactWriteItems(b -> b.transactItems(
                        guardPuts.stream().map(p -> TransactWriteItem.builder().put(p).build()).toList()))));
                case GUARD_SINGLE_PUTS -> done.add(guardWriters.submit(() -> guardPuts.forEach(p -> dynamo.putItem(b -> b.tableName(guards)
                        .item(p.item()).conditionExpression(p.conditionExpression()).expressionAttributeValues(p.expressionAttributeValues())))));
            }
            for (int i = 0; i < batch.size(); i += 25) {
                List<WriteRequest> part = batch.subList(i, Math.min(batch.size(), i + 25));
                done.add(puts.submit(() -> write(items, guards, part)));
            }
        }
        for (Future<?> future : done) {
            future.get();
        }
        long took = (System.nanoTime() - start) / 1_000_000;
        puts.shutdown();
        guardWriters.shutdown();
        return took;
    }

    /** One BatchWriteItem, guards to their table; unprocessed items (none in DynamoDB Local) sent again. */
    private void write(String items, String guards, List<WriteRequest> part) {
        Map<String, List<WriteRequest>> request = new HashMap<>();
        for (WriteRequest w : part) {
            request.computeIfAbsent(w.putRequest().item().get("sk").s().equals("GUARD") ? guards : items, t -> new ArrayList<>()).add(w);
        }
        while (!request.isEmpty()) {
            Map<String, List<WriteRequest>> send = request;
            request = dynamo.batchWriteItem(b -> b.requestItems(send)).unprocessedItems();
        }
    }

    private String table(String prefix) {
        String name = prefix + (++tables);
        dynamo.createTable(b -> b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType("S").build(),
                        AttributeDefinition.builder().attributeName("sk").attributeType("S").build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build()));
        return name;
    }

    private static WriteRequest put(Map<String, AttributeValue> item) {
        return WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
