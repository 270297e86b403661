package com.customerhub.local;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import com.customerhub.localaws.SamTemplate;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static com.customerhub.localaws.SamTemplate.list;
import static com.customerhub.localaws.SamTemplate.map;

/**
 * The bucket notifications of the template, done locally: a blob store decorator that, after a put
 * (or a completed multipart upload) succeeds, invokes each function whose {@code Type: S3} event
 * matches the bucket, event name and prefix/suffix filter, asynchronously as S3 does, with a
 * real {@code S3Event} (key URL-encoded as in S3's notifications).
 */
final class S3Notifications implements AutoCloseable {
    /** One S3 event of a function in the template. */
    record Subscription(String functionId, String bucketRef, List<String> events, String prefix, String suffix) {
        boolean matches(String key) {
            return (prefix == null || key.startsWith(prefix)) && (suffix == null || key.endsWith(suffix))
                    && events.stream().anyMatch(e -> e.startsWith("s3:ObjectCreated:"));
        }
    }

    private final List<Subscription> subscriptions;
    private final Map<String, String> bucketNames;
    private final ExecutorService deliveries = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "local-s3-notifications");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Function<String, FunctionRuntime> functions = id -> null;

    private S3Notifications(List<Subscription> subscriptions, Map<String, String> bucketNames) {
        this.subscriptions = subscriptions;
        this.bucketNames = bucketNames;
    }

    /** The S3 events of every function; {@code bucketNames} maps the bucket's logical id to its local name (other entries are ignored). */
    static S3Notifications fromTemplate(SamTemplate template, Map<String, String> bucketNames) {
        List<Subscription> subscriptions = new ArrayList<>();
        for (SamTemplate.FunctionDef function : template.functions()) {
            map(function.properties().get("Events")).values().forEach(event -> {
                Map<String, Object> e = map(event);
                if (!"S3".equals(e.get("Type"))) {
                    return;
                }
                Map<String, Object> p = map(e.get("Properties"));
                String bucket = String.valueOf(map(p.get("Bucket")).getOrDefault("Ref", p.get("Bucket")));
                List<String> events = p.get("Events") instanceof List<?> l ? l.stream().map(String::valueOf).toList()
                        : List.of(String.valueOf(p.get("Events")));
                String prefix = null;
                String suffix = null;
                for (Object rule : list(map(map(p.get("Filter")).get("S3Key")).get("Rules"))) {
                    String name = String.valueOf(map(rule).get("Name"));
                    String value = String.valueOf(map(rule).get("Value"));
                    if (name.equalsIgnoreCase("prefix")) {
                        prefix = value;
                    } else if (name.equalsIgnoreCase("suffix")) {
                        suffix = value;
                    }
                }
                subscriptions.add(new Subscription(function.logicalId(), bucket, events, prefix, suffix));
            });
        }
        return new S3Notifications(List.copyOf(subscriptions), Map.copyOf(bucketNames));
    }

    List<Subscription> subscriptions() {
        return subscriptions;
    }

    /** Connects the notifications to the running functions, once they exist. */
    void attach(List<FunctionRuntime> running) {
        functions = id -> running.stream().filter(f -> f.definition().logicalId().equals(id)).findFirst().orElse(null);
    }

    BlobStore decorate(BlobStore store) {
        return new ForwardingBlobStore(store) {
            @Override
            public PutObjectResponse putBlob(PutObjectRequest request, InputStream content) {
                PutObjectResponse response = super.putBlob(request, content);
                created(request.bucket(), request.key(), response.eTag(), response.versionId());
                return response;
            }

            @Override
            public CompleteMultipartUploadResponse completeMultipartUpload(MultipartUpload upload, CompleteMultipartUploadRequest request) {
                CompleteMultipartUploadResponse response = super.completeMultipartUpload(upload, request);
                created(upload.containerName(), upload.blobName(), response.eTag(), response.versionId());
                return response;
            }
        };
    }

    private void created(String bucket, String key, String eTag, String versionId) {
        for (Subscription subscription : subscriptions) {
            if (bucket.equals(bucketNames.get(subscription.bucketRef())) && subscription.matches(key)) {
                S3Event event = event(bucket, key, eTag, versionId);
                deliveries.submit(() -> deliver(subscription.functionId(), event));
            }
        }
    }

    private void deliver(String functionId, S3Event event) {
        FunctionRuntime function = functions.apply(functionId);
        if (function == null) {
            return;
        }
        try {
            function.invoke(event, null);
        } catch (RuntimeException e) {
            // as in Lambda, a failed asynchronous invocation is logged; the function's own state tells the user
            System.err.println("local S3 notification: " + functionId + " failed: " + e);
        }
    }

    static S3Event event(String bucket, String key, String eTag, String versionId) {
        String unquoted = eTag == null ? null : eTag.replace("\"", "");
        var object = new S3EventNotification.S3ObjectEntity(URLEncoder.encode(key, StandardCharsets.UTF_8), 0L, unquoted, versionId, null);
        var bucketEntity = new S3EventNotification.S3BucketEntity(bucket, new S3EventNotification.UserIdentityEntity("local"),
                "arn:aws:s3:::" + bucket);
        var entity = new S3EventNotification.S3Entity("local-notification", bucketEntity, object, "1.0");
        var record = new S3EventNotification.S3EventNotificationRecord("us-east-1", "ObjectCreated:Put", "aws:s3",
                Instant.now().toString(), "2.1", null, null, entity, null);
        return new S3Event(List.of(record));
    }

    @Override
    public void close() {
        deliveries.shutdown();
        try {
            deliveries.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deliveries.shutdownNow();
    }
}
