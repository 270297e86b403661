package com.customerhub.imports;

import jakarta.inject.Singleton;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The bucket as the import needs it: files streamed to and from local temporary files (never held
 * in memory), small control objects that wake the processor, presigned URLs for clients.
 */
@Singleton
public class S3Files {
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final Duration URL_VALIDITY = Duration.ofMinutes(15);

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;

    public S3Files(S3Client s3, S3Presigner presigner, ImportSettings settings) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = settings.bucket();
    }

    /** The bucket of the API function (IMPORT_BUCKET); the S3-triggered one takes it from its events. */
    public String bucket() {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalStateException("IMPORT_BUCKET is not set for this function");
        }
        return bucket;
    }

    public HeadObjectResponse head(String bucketName, String key, String versionId) {
        return s3.headObject(b -> b.bucket(bucketName).key(key).versionId(versionId));
    }

    /** Downloads exactly the version (or, unversioned, the ETag) the job was made for. */
    public Path download(String bucketName, String key, String versionId, String eTag) {
        try {
            Path file = Files.createTempFile("import-", ".xlsx");
            Files.delete(file);
            GetObjectRequest.Builder request = GetObjectRequest.builder().bucket(bucketName).key(key);
            if (versionId != null) {
                request.versionId(versionId);
            } else if (eTag != null) {
                request.ifMatch(eTag);
            }
            s3.getObject(request.build(), ResponseTransformer.toFile(file));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void upload(String bucketName, String key, Path file, String contentType) {
        s3.putObject(b -> b.bucket(bucketName).key(key).contentType(contentType), RequestBody.fromFile(file));
    }

    public void putControl(String bucketName, String key, String jsonBody) {
        s3.putObject(b -> b.bucket(bucketName).key(key).contentType("application/json"),
                RequestBody.fromString(jsonBody, StandardCharsets.UTF_8));
    }

    public String downloadUrl(String key) {
        return presigner.presignGetObject(b -> b.signatureDuration(URL_VALIDITY)
                .getObjectRequest(g -> g.bucket(bucket()).key(key))).url().toString();
    }

    public String uploadUrl(String key, Map<String, String> metadata) {
        return presigner.presignPutObject(b -> b.signatureDuration(URL_VALIDITY)
                .putObjectRequest(p -> p.bucket(bucket()).key(key).contentType(XLSX).metadata(metadata))).url().toString();
    }

    static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // /tmp is wiped with the container anyway
            }
        }
    }
}
