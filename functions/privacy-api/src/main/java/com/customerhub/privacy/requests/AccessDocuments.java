package com.customerhub.privacy.requests;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.time.Duration;
import java.time.Instant;

/**
 * Access and portability documents in the bucket under {@code privacy/{tenant}/{requestId}.json},
 * encrypted (SSE-S3) and expired by the bucket's lifecycle after {@value #RETENTION_DAYS} days;
 * the API hands out a fresh presigned GET valid {@link #DOWNLOAD_WINDOW} at every read.
 */
@Singleton
public class AccessDocuments {
    public static final int RETENTION_DAYS = 7;
    public static final Duration DOWNLOAD_WINDOW = Duration.ofHours(1);

    /** Looked up when first used: filing or listing requests needs no S3 client (on-demand cold starts). */
    private final Provider<S3Client> s3;
    private final Provider<S3Presigner> presigner;
    private final String bucket;

    public AccessDocuments(Provider<S3Client> s3, Provider<S3Presigner> presigner, @Value("${import.bucket:}") String bucket) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
    }

    public static String key(String tenant, String requestId) {
        return "privacy/" + tenant + "/" + requestId + ".json";
    }

    public String bucket() {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalStateException("import.bucket (IMPORT_BUCKET) is not set");
        }
        return bucket;
    }

    /** Writes (or rewrites: the key is the request's) the document; answers when the lifecycle removes it. */
    public Instant put(String key, byte[] json, Instant now) {
        s3.get().putObject(b -> b.bucket(bucket()).key(key).contentType("application/json")
                .serverSideEncryption(ServerSideEncryption.AES256), RequestBody.fromBytes(json));
        return now.plus(Duration.ofDays(RETENTION_DAYS));
    }

    public String downloadUrl(String key) {
        return presigner.get().presignGetObject(b -> b.signatureDuration(DOWNLOAD_WINDOW)
                .getObjectRequest(g -> g.bucket(bucket()).key(key))).url().toString();
    }
}
