package com.customerhub.local;

import com.customerhub.localaws.FreePorts;
import com.customerhub.localaws.LocalDynamoDb;
import com.customerhub.localaws.LocalS3;
import com.customerhub.localaws.SamTemplate;
import com.customerhub.localaws.TemplateTables;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpServer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * customer-hub on one machine, no Docker, no AWS account: DynamoDB Local, S3Proxy, the template's
 * functions in this JVM, and an API Gateway stand-in with a local JWT issuer. Everything it needs
 * to know (tables, functions, environment, routes) it reads from infrastructure/template.yaml.
 */
public final class LocalStack implements AutoCloseable {
    static final Duration TOKEN_VALIDITY = Duration.ofDays(7);

    private final LocalStackConfig config;
    private final LocalDynamoDb dynamo;
    private final LocalS3 s3;
    private final List<FunctionRuntime> functions;
    private final HttpServer api;
    private final ExecutorService apiThreads;
    private final LocalJwtIssuer issuer;
    private final Map<String, String> tokens;
    private final LocalScheduler scheduler;
    private final S3Notifications notifications;
    private final LocalEventRules eventRules;

    private LocalStack(LocalStackConfig config, LocalDynamoDb dynamo, LocalS3 s3, List<FunctionRuntime> functions,
                       HttpServer api, ExecutorService apiThreads, LocalJwtIssuer issuer, Map<String, String> tokens,
                       S3Notifications notifications, LocalEventRules eventRules) {
        this.eventRules = eventRules;
        this.config = config;
        this.dynamo = dynamo;
        this.s3 = s3;
        this.functions = functions;
        this.api = api;
        this.apiThreads = apiThreads;
        this.issuer = issuer;
        this.tokens = tokens;
        // the template's Schedule events (EventBridge), every LOCAL_SCHEDULE_SECONDS when set
        this.scheduler = LocalScheduler.start(functions, LocalScheduler.configuredOverride());
        this.notifications = notifications;
    }

    public static LocalStack start(LocalStackConfig config, SamTemplate template) {
        Path data = config.dataDir();
        if (config.fresh()) {
            deleteRecursively(data);
        }
        setDefaultCredentials();
        LocalDynamoDb dynamo = LocalDynamoDb.start(port(config.dynamoPort()), config.persistent() ? data.resolve("dynamodb") : null);
        LocalS3 s3 = null;
        List<FunctionRuntime> functions = new ArrayList<>();
        Map<String, String> localNames = template.localNames(LocalStackConfig.BUCKET, LocalStackConfig.BUS);
        // the bucket's notifications, as the template's S3 events define them
        S3Notifications notifications = S3Notifications.fromTemplate(template, localNames);
        try {
            try (DynamoDbClient client = dynamo.client()) {
                TemplateTables.createAll(client, template);
            }
            s3 = LocalS3.start(port(config.s3Port()), config.persistent() ? data.resolve("s3") : null, notifications::decorate);
            s3.createBucket(LocalStackConfig.BUCKET);

            // SSM-backed parameters (the suppression list's key): a random value kept under .local/, stable across restarts
            for (var parameter : SamTemplate.map(template.root().get("Parameters")).entrySet()) {
                if (String.valueOf(SamTemplate.map(parameter.getValue()).get("Type")).startsWith("AWS::SSM::Parameter::Value")) {
                    localNames.put(parameter.getKey(), localSecret(data.resolve(parameter.getKey() + ".secret")));
                }
            }
            localNames.put("MailFromAddress", "customer-hub@localhost");
            Map<String, Object> localSettings = Map.of(
                    "aws.endpoint-override.dynamodb", dynamo.endpoint().toString(),
                    "aws.endpoint-override.s3", s3.endpoint().toString(),
                    "events.sink", "file",
                    // every function's clock is the system's plus the offset in this file (moveClock)
                    "clock.offset-file", data.resolve("clock-offset").toAbsolutePath().toString(),
                    "events.file", data.resolve("events.jsonl").toAbsolutePath().toString(),
                    // SES: each mail written as an .eml file a mail client opens
                    "mail.sink", "outbox",
                    "mail.outbox", data.resolve("outbox").toAbsolutePath().toString());
            for (SamTemplate.FunctionDef definition : template.functions()) {
                functions.add(new FunctionRuntime(definition, FunctionRuntime.propertiesFor(definition, localNames, localSettings)));
            }
            notifications.attach(functions);

            LocalJwtIssuer issuer = LocalJwtIssuer.loadOrCreate(data.resolve("jwt-signing-key.json"), Clock.systemUTC());
            Map<String, String> tokens = writeTokens(issuer, data.resolve("tokens.json"));

            ExecutorService threads = Executors.newFixedThreadPool(8);
            HttpServer api = HttpServer.create(new InetSocketAddress("127.0.0.1", port(config.apiPort())), 64);
            api.createContext("/", new ApiGatewayRouter(functions, issuer, OpenApiDocument.yaml(LocalStack.class.getClassLoader())));
            api.setExecutor(threads);
            api.start();
            // the template's EventBridge rules, over the events file that stands in for the bus
            LocalEventRules eventRules = LocalEventRules.start(template, functions, data.resolve("events.jsonl"));
            return new LocalStack(config, dynamo, s3, functions, api, threads, issuer, tokens, notifications, eventRules);
        } catch (RuntimeException | IOException e) {
            notifications.close();
            functions.forEach(FunctionRuntime::close);
            if (s3 != null) {
                s3.close();
            }
            dynamo.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    public static void main(String[] args) {
        SamTemplate template = SamTemplate.findFromWorkingDirectory();
        Path root = template.path().toAbsolutePath().getParent().getParent();
        LocalStack stack = start(LocalStackConfig.fromArgs(args, root), template);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "local-stack-shutdown"));
        stack.printBanner();
        try {
            Thread.currentThread().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public String apiUrl() {
        return "http://localhost:" + api.getAddress().getPort();
    }

    public LocalDynamoDb dynamo() {
        return dynamo;
    }

    public LocalS3 s3() {
        return s3;
    }

    public LocalJwtIssuer issuer() {
        return issuer;
    }

    public Map<String, String> tokens() {
        return tokens;
    }

    public Path dataDir() {
        return config.dataDir();
    }

    /**
     * Moves the clock of every function to now + {@code offset} (0 puts it back), e.g. to see a
     * 24-hour window close without waiting. The JWT issuer and router keep real time.
     */
    public void moveClock(java.time.Duration offset) {
        com.customerhub.core.time.OffsetFileClock.write(config.dataDir().resolve("clock-offset"), offset);
    }

    /** One run of a scheduled function now, synchronously, as its schedule would trigger it. */
    public void runScheduled(String logicalId) {
        scheduler.runNow(logicalId);
    }

    void printBanner() {
        Path data = config.dataDir().toAbsolutePath();
        System.out.println();
        System.out.println("customer-hub local stack is up");
        System.out.println("  API        " + apiUrl() + "   (routes of infrastructure/template.yaml, JWT required)");
        System.out.println("  S3         " + s3.endpoint() + "   bucket " + LocalStackConfig.BUCKET + ", credentials test/test");
        System.out.println("  DynamoDB   " + dynamo.endpoint() + "   region us-east-1, credentials test/test");
        System.out.println("  OpenAPI    " + apiUrl() + "/openapi.yml");
        System.out.println("  tokens     " + data.resolve("tokens.json") + "   (admin, agent, viewer, dpo, integration of 'demo'; otherTenantAdmin of 'acme')");
        System.out.println("  events     " + data.resolve("events.jsonl"));
        System.out.println("  mail       " + data.resolve("outbox") + "   (forwarded interactions as .eml files; SES stand-in)");
        System.out.println("  functions  " + functions.stream().map(f -> f.definition().logicalId()).toList());
        System.out.println("Try: curl -H \"Authorization: Bearer $(jq -r .admin " + data.resolve("tokens.json") + ")\" " + apiUrl() + "/customers");
        System.out.println("Stop with Ctrl-C.");
    }

    @Override
    public void close() {
        scheduler.close();
        eventRules.close();
        api.stop(0);
        apiThreads.shutdownNow();
        notifications.close();
        functions.forEach(FunctionRuntime::close);
        s3.close();
        dynamo.close();
    }

    private static Map<String, String> writeTokens(LocalJwtIssuer issuer, Path file) throws IOException {
        Map<String, String> tokens = new LinkedHashMap<>();
        for (String role : List.of("admin", "agent", "viewer", "dpo", "integration")) {
            tokens.put(role, issuer.issue("demo-" + role, "demo", List.of(role), null, TOKEN_VALIDITY));
        }
        tokens.put("otherTenantAdmin", issuer.issue("acme-admin", "acme", List.of("admin"), null, TOKEN_VALIDITY));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(tokens));
        return tokens;
    }

    private static String localSecret(Path file) throws IOException {
        if (Files.exists(file)) {
            return Files.readString(file).strip();
        }
        byte[] random = new byte[32];
        new java.security.SecureRandom().nextBytes(random);
        String secret = java.util.HexFormat.of().formatHex(random);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, secret);
        return secret;
    }

    /** The SDK clients of the functions need credentials; the local services accept any. */
    private static void setDefaultCredentials() {
        if (System.getenv("AWS_ACCESS_KEY_ID") == null && System.getProperty("aws.accessKeyId") == null) {
            System.setProperty("aws.accessKeyId", LocalS3.ACCESS_KEY);
            System.setProperty("aws.secretAccessKey", LocalS3.SECRET_KEY);
        }
        if (System.getenv("AWS_REGION") == null && System.getProperty("aws.region") == null) {
            System.setProperty("aws.region", "us-east-1");
        }
    }

    private static int port(int configured) {
        return configured == 0 ? FreePorts.find() : configured;
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
