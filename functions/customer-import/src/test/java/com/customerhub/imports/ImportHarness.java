package com.customerhub.imports;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import com.customerhub.core.customer.Customer;
import com.customerhub.core.customer.CustomerRepository;
import com.customerhub.core.customer.UniqueKey;
import com.customerhub.core.events.RecordingEventPublisher;
import com.customerhub.localaws.ApiGatewayEvents;
import com.customerhub.localaws.DynamoTarget;
import com.customerhub.localaws.LocalS3;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Both import handlers in-process against DynamoDB Local and an in-memory S3Proxy. S3 puts are
 * recorded as the bucket's notifications would be and handed to the S3-triggered function by
 * {@link #deliver()}, so a test decides when "S3" calls it.
 */
final class ImportHarness implements AutoCloseable {
    static final String BUCKET = "customer-hub-test";

    record Put(String key, String eTag) {
    }

    record Response(int status, Map<String, String> headers, JsonNode body, byte[] raw) {
    }

    final LocalS3 s3;
    final S3Client client;
    final ApplicationContext context;
    final ImportFunction function;
    final ImportApiHandler api;
    final ObjectMapper json = new ObjectMapper();
    private final ConcurrentLinkedQueue<Put> puts = new ConcurrentLinkedQueue<>();

    ImportHarness(DynamoTarget dynamo, Map<String, Object> extra) {
        this(dynamo, extra, null);
    }

    /** With {@code s3Dir}, objects are files there, whose modification time is the object's LastModified. */
    ImportHarness(DynamoTarget dynamo, Map<String, Object> extra, java.nio.file.Path s3Dir) {
        s3 = LocalS3.start(0, s3Dir, store -> new ForwardingBlobStore(store) {
            @Override
            public PutObjectResponse putBlob(PutObjectRequest request, InputStream content) {
                PutObjectResponse response = super.putBlob(request, content);
                puts.add(new Put(request.key(), response.eTag()));
                return response;
            }
        });
        s3.createBucket(BUCKET);
        client = s3.client();
        Map<String, Object> properties = new HashMap<>(Map.of(
                "customers.table", "CustomersTable", "guards.table", "GuardsTable",
                "imports.table", "ImportJobsTable",
                "import.bucket", BUCKET,
                "aws.endpoint-override.dynamodb", dynamo.endpoint().toString(),
                "aws.endpoint-override.s3", s3.endpoint().toString(),
                "events.sink", "memory",
                "imports.limits.chunk-rows", 5,
                "imports.limits.max-rows", 200,
                "imports.limits.lease-millis", 0));
        properties.put("imports.limits.max-entry-bytes", 8L << 20);
        properties.put("test.kill-switch", "true");
        properties.putAll(extra);
        context = ApplicationContext.builder().properties(properties).start();
        function = new ImportFunction(context);
        api = new ImportApiHandler(context);
    }

    /** Puts a file into the bucket, as the AWS CLI or a presigned PUT would. */
    void drop(String key, byte[] bytes, boolean autoConfirm) {
        client.putObject(b -> b.bucket(BUCKET).key(key).metadata(autoConfirm ? Map.of("auto-confirm", "true") : Map.of()),
                RequestBody.fromBytes(bytes));
    }

    /** Hands every recorded put to the S3-triggered function (including the ones it makes itself). */
    int deliver() {
        int delivered = 0;
        for (Put put = puts.poll(); put != null; put = puts.poll()) {
            if ((put.key().startsWith("imports/") && put.key().endsWith(".xlsx")) || (put.key().startsWith("control/") && put.key().endsWith(".json"))) {
                function.handleRequest(event(put.key(), put.eTag()), null);
                delivered++;
            }
        }
        return delivered;
    }

    static S3Event event(String key, String eTag) {
        var object = new S3EventNotification.S3ObjectEntity(URLEncoder.encode(key, StandardCharsets.UTF_8), 0L,
                eTag == null ? null : eTag.replace("\"", ""), null, null);
        var bucket = new S3EventNotification.S3BucketEntity(BUCKET, new S3EventNotification.UserIdentityEntity("test"), "arn:aws:s3:::" + BUCKET);
        var record = new S3EventNotification.S3EventNotificationRecord("us-east-1", "ObjectCreated:Put", "aws:s3", null, "2.1",
                null, null, new S3EventNotification.S3Entity("test", bucket, object, "1.0"), null);
        return new S3Event(List.of(record));
    }

    byte[] object(String key) {
        return client.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray();
    }

    /** Downloads what a presigned URL points at (the key is in its path, path-style). */
    byte[] fromUrl(String url) {
        String path = java.net.URI.create(url).getPath();
        String key = java.net.URLDecoder.decode(path.substring(("/" + BUCKET + "/").length()), StandardCharsets.UTF_8);
        return object(key);
    }

    Response call(String tenant, String role, String method, String path, String body) {
        Map<String, String> claims = new LinkedHashMap<>();
        claims.put("sub", "user-" + role);
        claims.put("custom:tenantId", tenant);
        claims.put("cognito:groups", "[" + role + "]");
        String rawPath = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        String query = path.contains("?") ? path.substring(path.indexOf('?') + 1) : "";
        Map<String, String> headers = new LinkedHashMap<>();
        if (body != null) {
            headers.put("content-type", "application/json");
        }
        var event = ApiGatewayEvents.build(method, rawPath, query, headers,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8), method + " " + rawPath, claims);
        APIGatewayV2HTTPResponse response = api.handleRequest(event, null);
        byte[] raw = response.getBody() == null ? new byte[0]
                : response.getIsBase64Encoded() ? Base64.getDecoder().decode(response.getBody())
                : response.getBody().getBytes(StandardCharsets.UTF_8);
        Map<String, String> headersOut = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (response.getHeaders() != null) {
            headersOut.putAll(response.getHeaders());
        }
        if (response.getMultiValueHeaders() != null) {
            response.getMultiValueHeaders().forEach((k, v) -> headersOut.putIfAbsent(k, String.join(",", v)));
        }
        JsonNode node;
        try {
            node = raw.length > 0 && raw[0] == '{' ? json.readTree(raw) : json.nullNode();
        } catch (java.io.IOException e) {
            node = json.nullNode();
        }
        return new Response(response.getStatusCode(), headersOut, node, raw);
    }

    /** The newest import job of a tenant, as GET /imports shows it. */
    JsonNode latestJob(String tenant) {
        Response list = call(tenant, "admin", "GET", "/imports", null);
        return list.body().get("items").get(0);
    }

    Optional<Customer> customerByMobile(String tenant, String mobile) {
        CustomerRepository repository = context.getBean(CustomerRepository.class);
        return repository.findIdBy(tenant, UniqueKey.MOBILE, mobile).flatMap(id -> repository.find(tenant, id));
    }

    List<Customer> customers(String tenant) {
        CustomerRepository repository = context.getBean(CustomerRepository.class);
        List<Customer> all = new ArrayList<>();
        String cursor = null;
        do {
            var page = repository.listByUpdated(tenant, 100, cursor, null, c -> true);
            all.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return all;
    }

    RecordingEventPublisher events() {
        return context.getBean(RecordingEventPublisher.class);
    }

    @Override
    public void close() {
        context.close();
        client.close();
        s3.close();
    }
}
