package com.customerhub.benchmarks;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.customerhub.customers.CustomerApiHandler;
import com.customerhub.localaws.ApiGatewayEvents;
import com.customerhub.localaws.LocalDynamoDb;
import com.customerhub.localaws.SamTemplate;
import com.customerhub.localaws.TemplateTables;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The customer API's figures, each against a baseline measured in the same run:
 * cold start (fresh JVM, the function's jar alone) against a plain handler doing the same GetItem,
 * warm latency of GET /customers/{id} through the handler against the raw GetItem, the 360 view of
 * a large customer (DynamoDB calls and latency), and the size of every function jar.
 * Arguments: the function jar, the benchmark classes folder.
 */
public final class ApiBenchmarks {
    static final String TENANT = "bench";
    static final int COLD_RUNS = Integer.getInteger("bench.coldRuns", 11);
    /** The driver's line with the wall-clock time of the answer ({@link ColdStartDriver}). */
    private static final java.util.regex.Pattern ANSWERED_AT = java.util.regex.Pattern.compile("ANSWERED_AT (\\d+)");
    static final int WARM_CALLS = Integer.getInteger("bench.warmCalls", 2000);
    static final int WARMUP_CALLS = Integer.getInteger("bench.warmupCalls", 5000);
    /** Which figures to measure (comma-separated: cold, appcds, warm, view); all by default. */
    static final String SECTIONS = System.getProperty("bench.sections", "cold,appcds,warm,view");
    /** Extra JVM options for the cold-start JVMs, e.g. to profile them: -Dbench.coldJvmArgs=-Xlog:class+load */
    static final String COLD_JVM_ARGS = System.getProperty("bench.coldJvmArgs", "");
    /** Another build of the customer API's jar (e.g. main's) started in the same rounds, to compare two builds: -Dbench.coldCompareJar=path */
    static final String COLD_COMPARE_JAR = System.getProperty("bench.coldCompareJar", "");
    /** Other JVM options for a function and a plain handler started beside the others (with or without a compare jar): flags compared in the same rounds */
    static final String COLD_COMPARE_JVM_ARGS = System.getProperty("bench.coldCompareJvmArgs", "");

    private ApiBenchmarks() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        Path benchClasses = Path.of(args[1]);
        jarSizes(jar.getParent().getParent().getParent());
        try (LocalDynamoDb local = LocalDynamoDb.start(0, null); DynamoDbClient dynamo = local.client()) {
            TemplateTables.createAll(dynamo, SamTemplate.findFromWorkingDirectory());
            AtomicInteger calls = new AtomicInteger();
            ExecutionInterceptor counter = new ExecutionInterceptor() {
                @Override
                public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                    calls.incrementAndGet();
                }
            };
            try (ApplicationContext context = ApplicationContext.builder().singletons(counter).properties(Map.of(
                    "customers.table", "CustomersTable", "guards.table", "GuardsTable", "aws.endpoint-override.dynamodb", local.endpoint().toString(),
                    "events.sink", "memory", "documents.bucket", "bench", "merges.table", "MergesTable",
                    "alert.rules.table", "AlertRulesTable", "imports.table", "ImportJobsTable",
                    "import.bucket", "bench")).start()) {
                CustomerApiHandler handler = new CustomerApiHandler(context);
                String id = create(handler, "{\"mobile\":\"+393330000001\",\"name\":\"Bench Customer\"}");
                if (SECTIONS.contains("cold")) {
                    coldStart(jar, benchClasses, local, id);
                }
                if (SECTIONS.contains("appcds")) {
                    coldStartWithArchives(jar, benchClasses, local, id);
                }
                if (SECTIONS.contains("warm")) {
                    warm(handler, dynamo, id);
                }
                if (SECTIONS.contains("view")) {
                    view(handler, dynamo, calls);
                }
            }
        }
        System.exit(0);
    }

    /** Jars of functions that are not behind the HTTP API (the ≤ 25 MiB goal is for API functions). */
    static final Set<String> NON_API_JARS = Set.of("customer-import-lambda.jar", "mailer-lambda.jar");

    /** Every function jar (the shaded {@code *-lambda.jar}), in MiB; API function jars against the 25 MiB goal. */
    static void jarSizes(Path functions) throws Exception {
        try (var modules = Files.list(functions)) {
            for (Path module : modules.sorted().toList()) {
                Path target = module.resolve("target");
                if (!Files.isDirectory(target)) {
                    continue;
                }
                try (var jars = Files.list(target)) {
                    for (Path jar : jars.filter(p -> p.getFileName().toString().endsWith("-lambda.jar")
                            && !p.getFileName().toString().startsWith("original-")).sorted().toList()) {
                        String name = jar.getFileName().toString();
                        double mib = sizeOf(jar) / 1024.0 / 1024.0;
                        String figure = "jar-size-" + name.substring(0, name.length() - ".jar".length());
                        if (NON_API_JARS.contains(name)) {
                            BenchLine.info(figure, mib, "MiB");
                        } else {
                            BenchLine.print(figure, mib, "MiB", "<=", 25);
                        }
                    }
                }
            }
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    /**
     * Median time from process start to the first answer, over fresh JVMs with the function's jar;
     * function and plain handler runs alternate, so that both see the same machine load.
     */
    static void coldStart(Path jar, Path benchClasses, LocalDynamoDb local, String id) throws Exception {
        List<ColdContender> contenders = new ArrayList<>(List.of(ColdContender.function(jar), ColdContender.plain(jar)));
        List<String> compareArgs = words(COLD_COMPARE_JVM_ARGS);
        boolean compareFlags = !compareArgs.isEmpty();
        if (!COLD_COMPARE_JAR.isBlank() || compareFlags) {
            Path compareJar = COLD_COMPARE_JAR.isBlank() ? jar : Path.of(COLD_COMPARE_JAR);
            contenders.add(ColdContender.function(compareJar).withJvmArgs(compareArgs));
        }
        if (compareFlags) {
            // other JVM flags apply to both handlers, as they would to two functions of one template
            contenders.add(ColdContender.plain(jar).withJvmArgs(compareArgs));
        }
        double[] medians = alternate(contenders, benchClasses, local, id);
        System.out.printf(Locale.ROOT, "cold start median: function %.0f ms, plain handler %.0f ms%n", medians[0], medians[1]);
        BenchLine.print("cold-start-ratio", medians[0] / medians[1], "x", "<=", 1.5);
        if (contenders.size() > 2) {
            double baseline = compareFlags ? medians[3] : medians[1];
            System.out.printf(Locale.ROOT, "cold start median of %s %s: %.0f ms%s%n", contenders.get(2).jar(), COLD_COMPARE_JVM_ARGS, medians[2],
                    compareFlags ? String.format(Locale.ROOT, ", plain handler with those flags %.0f ms", baseline) : "");
            BenchLine.info("cold-start-compare-ratio", medians[2] / baseline, "x");
        }
    }

    /**
     * The same, with each handler given its own AppCDS archive (JDK 17 dynamic archive, made by one
     * training start of that handler): what a deployment that ships an archive would see. Class
     * loading is most of a JVM start; this shows what is left when it is taken out on both sides.
     */
    static void coldStartWithArchives(Path jar, Path benchClasses, LocalDynamoDb local, String id) throws Exception {
        Path dir = Files.createTempDirectory("cds");
        Path driver = driverJar(benchClasses, dir.resolve("driver.jar")); // archived classes must come from jars
        Path event = eventFile(id);
        for (String handler : List.of(CustomerApiHandler.class.getName(), PlainGetCustomerHandler.class.getName())) {
            coldStartOnce(new ColdContender(jar, handler, List.of("-XX:ArchiveClassesAtExit=" + dir.resolve(handler + ".jsa"), "-Xlog:cds=off")),
                    driver, event, local);
        }
        // -Xshare:on: a JVM that cannot map its archive stops instead of silently starting without it
        java.util.function.Function<ColdContender, ColdContender> withArchive = contender -> contender.withJvmArgs(
                List.of("-XX:SharedArchiveFile=" + dir.resolve(contender.handler() + ".jsa"), "-Xshare:on", "-Xlog:cds=off"));
        double[] medians = alternate(List.of(withArchive.apply(ColdContender.function(jar)), withArchive.apply(ColdContender.plain(jar))),
                driver, local, id);
        System.out.printf(Locale.ROOT, "cold start median with AppCDS archives: function %.0f ms, plain handler %.0f ms%n",
                medians[0], medians[1]);
        BenchLine.info("cold-start-appcds-ratio", medians[0] / medians[1], "x");
    }

    /** One side of a cold-start comparison: a handler class, the jar it is started from, extra JVM options. */
    record ColdContender(Path jar, String handler, List<String> jvmArgs) {
        static ColdContender function(Path jar) {
            return new ColdContender(jar, CustomerApiHandler.class.getName(), List.of());
        }

        static ColdContender plain(Path jar) {
            return new ColdContender(jar, PlainGetCustomerHandler.class.getName(), List.of());
        }

        ColdContender withJvmArgs(List<String> more) {
            List<String> all = new ArrayList<>(jvmArgs);
            all.addAll(more);
            return new ColdContender(jar, handler, all);
        }
    }

    /** Medians of {@link #COLD_RUNS} starts of each contender, started in turn round after round, so that all see the same load. */
    private static double[] alternate(List<ColdContender> contenders, Path classes, LocalDynamoDb local, String id) throws Exception {
        Path event = eventFile(id);
        double[][] times = new double[contenders.size()][COLD_RUNS];
        for (int run = 0; run < COLD_RUNS; run++) {
            for (int side = 0; side < contenders.size(); side++) {
                times[side][run] = coldStartOnce(contenders.get(side), classes, event, local);
            }
        }
        for (int side = 0; side < contenders.size(); side++) {
            double[] sorted = times[side].clone();
            Arrays.sort(sorted);
            // the spread shows how far a median of this many runs can be trusted
            System.out.printf(Locale.ROOT, "cold start runs, sorted (ms), %s %s: %s%n", contenders.get(side).handler()
                    .substring(contenders.get(side).handler().lastIndexOf('.') + 1), contenders.get(side).jvmArgs(),
                    Arrays.toString(Arrays.stream(sorted).mapToLong(Math::round).toArray()));
        }
        return Arrays.stream(times).mapToDouble(ApiBenchmarks::median).toArray();
    }

    private static List<String> words(String options) {
        return options.isBlank() ? List.of() : List.of(options.strip().split("\\s+"));
    }

    private static Path eventFile(String id) throws Exception {
        Path event = Files.createTempFile("cold-event", ".json");
        Files.writeString(event, new ObjectMapper().writeValueAsString(getEvent(id)));
        return event;
    }

    /** The driver and the plain handler as a jar. */
    private static Path driverJar(Path benchClasses, Path target) throws Exception {
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(target))) {
            for (Class<?> type : List.of(ColdStartDriver.class, PlainGetCustomerHandler.class)) {
                String entry = type.getName().replace('.', '/') + ".class";
                out.putNextEntry(new java.util.jar.JarEntry(entry));
                out.write(Files.readAllBytes(benchClasses.resolve(entry)));
                out.closeEntry();
            }
        }
        return target;
    }

    private static double median(double[] times) {
        double[] sorted = times.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double coldStartOnce(ColdContender contender, Path benchClasses, Path event, LocalDynamoDb local) throws Exception {
        String handler = contender.handler();
        // the JVM flags of Lambda's java17 runtime (its command line: a heap cap, the serial collector,
        // C1 only, IPv4), for both handlers; the template's JAVA_TOOL_OPTIONS come with the environment
        List<String> command = new ArrayList<>(List.of("java", "-XX:+UseSerialGC", "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
                "-Djava.net.preferIPv4Stack=true", "-Xmx1g", "-Daws.endpoint-override.dynamodb=" + local.endpoint(), "-Daws.region=us-east-1",
                "-Daws.accessKeyId=test", "-Daws.secretAccessKey=test"));
        command.addAll(contender.jvmArgs());
        command.addAll(words(COLD_JVM_ARGS.replace("{handler}", handler)));
        command.addAll(List.of("-cp", contender.jar() + java.io.File.pathSeparator + benchClasses, ColdStartDriver.class.getName(),
                handler, event.toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        // the customer API's environment as the template gives it, with local stand-ins
        SamTemplate template = SamTemplate.findFromWorkingDirectory();
        Map<String, String> localNames = template.localNames("bench", "bench-bus");
        localNames.put("SuppressionSalt", "bench-salt");
        Map<String, String> env = builder.environment();
        SamTemplate.FunctionDef function = template.function("CustomerApiFunction");
        env.putAll(function.localEnvironment(localNames));
        // the JVM reads it as Lambda's does; both handlers get it, as two functions of one template would
        env.put("JAVA_TOOL_OPTIONS", String.valueOf(function.environment().getOrDefault("JAVA_TOOL_OPTIONS", "")));
        env.put("AWS_REGION", "us-east-1");
        env.put("LOG_LEVEL", "WARN");
        builder.redirectErrorStream(true);
        long started = System.currentTimeMillis(); // the same wall clock the driver reads
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(60, TimeUnit.SECONDS);
        long exited = System.currentTimeMillis();
        if (!output.contains("STATUS 200")) {
            throw new IllegalStateException(handler + " did not answer 200:\n" + output);
        }
        long answered = answeredAt(output, handler);
        if (Boolean.getBoolean("bench.coldOutput")) {
            System.out.println(output + "EXIT after answer " + (exited - answered) + "ms");
        }
        // to the first answer, as the goal says; the JVM's exit afterwards (shutdown hooks) is not the start
        return answered - started;
    }

    private static long answeredAt(String output, String handler) {
        java.util.regex.Matcher answered = ANSWERED_AT.matcher(output);
        if (!answered.find()) {
            throw new IllegalStateException(handler + " printed no answer time:\n" + output);
        }
        return Long.parseLong(answered.group(1));
    }

    static void warm(CustomerApiHandler handler, DynamoDbClient dynamo, String id) {
        APIGatewayV2HTTPEvent event = getEvent(id);
        Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS(TENANT + "#" + id), "sk", AttributeValue.fromS("PROFILE"));
        long[] api = new long[WARM_CALLS];
        long[] raw = new long[WARM_CALLS];
        // a warm container has served many requests: let the JIT reach its steady state on both paths first
        for (int i = 0; i < WARMUP_CALLS; i++) {
            handler.handleRequest(event, null);
            dynamo.getItem(b -> b.tableName("CustomersTable").consistentRead(true).key(key));
        }
        for (int i = 0; i < WARM_CALLS; i++) { // interleaved, so both see the same machine load
            long started = System.nanoTime();
            if (handler.handleRequest(event, null).getStatusCode() != 200) {
                throw new IllegalStateException("GET /customers/{id} did not answer 200");
            }
            api[i] = System.nanoTime() - started;
            started = System.nanoTime();
            dynamo.getItem(b -> b.tableName("CustomersTable").consistentRead(true).key(key));
            raw[i] = System.nanoTime() - started;
        }
        Arrays.sort(api);
        Arrays.sort(raw);
        double p50 = api[WARM_CALLS / 2] / 1e6;
        double p99 = api[WARM_CALLS * 99 / 100] / 1e6;
        double rawP50 = raw[WARM_CALLS / 2] / 1e6;
        double rawP99 = raw[WARM_CALLS * 99 / 100] / 1e6;
        System.out.printf(Locale.ROOT, "warm GET /customers/{id}: p50 %.2f ms p99 %.2f ms; raw GetItem: p50 %.2f ms p99 %.2f ms%n",
                p50, p99, rawP50, rawP99);
        BenchLine.print("warm-p50-ratio", p50 / rawP50, "x", "<=", 1.3);
        BenchLine.info("warm-p99-ratio", p99 / rawP99, "x");
    }

    /** A customer with 200 contacts, 1,000 interactions and 10 alerts, viewed 200 times. */
    static void view(CustomerApiHandler handler, DynamoDbClient dynamo, AtomicInteger calls) throws Exception {
        String id = create(handler, "{\"mobile\":\"+393330000002\",\"name\":\"Big Account\",\"customerType\":\"B2B\"}");
        for (int i = 0; i < 200; i++) {
            call(handler, "POST", "/customers/" + id + "/contacts", "/customers/{id}/contacts", Map.of("id", id),
                    "{\"lastName\":\"Contact " + i + "\",\"phones\":[{\"type\":\"OFFICE\",\"number\":\"+390255550" + String.format("%03d", i) + "\"}]}");
        }
        for (int i = 0; i < 1000; i++) {
            call(handler, "POST", "/customers/" + id + "/interactions", "/customers/{id}/interactions", Map.of("id", id),
                    "{\"channel\":\"PHONE\",\"type\":\"CALL\",\"summary\":\"call " + i + "\"}");
        }
        for (int i = 0; i < 10; i++) {
            int n = i;
            dynamo.putItem(b -> b.tableName("CustomersTable").item(Map.of("pk", AttributeValue.fromS(TENANT + "#" + id),
                    "sk", AttributeValue.fromS("ALERT#RULE" + n), "ruleId", AttributeValue.fromS("RULE" + n),
                    "severity", AttributeValue.fromS("WARNING"), "status", AttributeValue.fromS("ACTIVE"))));
        }
        for (int i = 0; i < 50; i++) {
            call(handler, "GET", "/customers/" + id + "/view", "/customers/{id}/view", Map.of("id", id), null);
        }
        calls.set(0);
        JsonNode view = new ObjectMapper().readTree(call(handler, "GET", "/customers/" + id + "/view", "/customers/{id}/view",
                Map.of("id", id), null));
        int viewCalls = calls.get();
        if (view.get("contacts").size() != 200 || view.get("alerts").size() != 10) {
            throw new IllegalStateException("the view is incomplete");
        }
        long[] times = new long[200];
        for (int i = 0; i < times.length; i++) {
            long started = System.nanoTime();
            call(handler, "GET", "/customers/" + id + "/view", "/customers/{id}/view", Map.of("id", id), null);
            times[i] = System.nanoTime() - started;
        }
        Arrays.sort(times);
        BenchLine.print("view-360-dynamodb-calls", viewCalls, "calls", "<=", 2);
        BenchLine.info("view-360-p50", times[100] / 1e6, "ms");
        BenchLine.info("view-360-p99", times[198] / 1e6, "ms");
    }

    private static APIGatewayV2HTTPEvent getEvent(String id) {
        APIGatewayV2HTTPEvent event = ApiGatewayEvents.build("GET", "/customers/" + id, "", Map.of(), null,
                "GET /customers/{id}", claims());
        event.setPathParameters(Map.of("id", id));
        return event;
    }

    private static String create(CustomerApiHandler handler, String body) throws Exception {
        String answer = call(handler, "POST", "/customers", "/customers", null, body);
        return new ObjectMapper().readTree(answer).get("id").asText();
    }

    private static String call(CustomerApiHandler handler, String method, String path, String route, Map<String, String> parameters,
                               String body) {
        Map<String, String> headers = new HashMap<>();
        if (body != null) {
            headers.put("content-type", "application/json");
        }
        APIGatewayV2HTTPEvent event = ApiGatewayEvents.build(method, path, "", headers,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8), method + " " + route, claims());
        event.setPathParameters(parameters);
        var response = handler.handleRequest(event, null);
        if (response.getStatusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " answered " + response.getStatusCode() + ": " + response.getBody());
        }
        return response.getBody();
    }

    private static Map<String, String> claims() {
        return Map.of("sub", "bench-admin", "custom:tenantId", TENANT, "cognito:groups", "[admin]");
    }
}
