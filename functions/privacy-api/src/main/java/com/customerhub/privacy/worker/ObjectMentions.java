package com.customerhub.privacy.worker;

import com.customerhub.core.settings.Retention;
import com.customerhub.privacy.requests.AccessDocuments;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Finds and removes the bucket's objects that name a person: import reports, exports and dropped
 * import files of the tenant whose text (for a workbook, the XML inside the zip) contains the
 * person's mobile, national number, email or id, plus the person's own prefixes (access documents,
 * representatives' signed documents). A deletion removes every version (the bucket is versioned);
 * where that is impossible the bucket's lifecycle expiry date is stated instead.
 */
@Singleton
public class ObjectMentions {
    /** The scanned prefixes and their lifecycle expiry (days, as in the template; reports and exports at most the retention bound). */
    static final Map<String, Integer> SCANNED = Map.of("reports/", Retention.MAX_DAYS, "exports/", Retention.MAX_DAYS, "imports/", 90);
    private static final long MAX_SCANNED_BYTES = 200L * 1024 * 1024;

    private final Provider<S3Client> s3;
    private final AccessDocuments documents;

    public ObjectMentions(Provider<S3Client> s3, AccessDocuments documents) {
        this.s3 = s3;
        this.documents = documents;
    }

    /** Keys that name the person. {@code ownKeys} are known to (access documents), {@code ownPrefixes} hold only theirs. */
    public List<String> find(String tenant, Collection<String> needles, Collection<String> ownKeys, Collection<String> ownPrefixes) {
        List<String> found = new ArrayList<>();
        String bucket = documents.bucket();
        for (String prefix : SCANNED.keySet()) {
            for (S3Object object : s3.get().listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix + tenant + "/")).contents()) {
                if (object.size() <= MAX_SCANNED_BYTES && mentions(bucket, object.key(), needles)) {
                    found.add(object.key());
                }
            }
        }
        for (String prefix : ownPrefixes) {
            s3.get().listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().forEach(o -> found.add(o.key()));
        }
        for (String key : ownKeys) {
            try {
                s3.get().headObject(b -> b.bucket(bucket).key(key));
                found.add(key);
            } catch (S3Exception missing) {
                // never written, or already expired
            }
        }
        return found;
    }

    /** Deletes every version of the key; answers DELETED, or EXPIRES with the lifecycle date when S3 refused. */
    public Map<String, String> delete(String key, Instant now) {
        String bucket = documents.bucket();
        try {
            List<ObjectVersion> versions;
            try {
                versions = s3.get().listObjectVersions(b -> b.bucket(bucket).prefix(key)).versions().stream()
                        .filter(v -> v.key().equals(key)).toList();
            } catch (S3Exception unsupported) {
                versions = List.of(); // a store without versioning (the local S3)
            }
            for (ObjectVersion version : versions) {
                s3.get().deleteObject(b -> b.bucket(bucket).key(key).versionId(version.versionId()));
            }
            s3.get().deleteObject(b -> b.bucket(bucket).key(key));
            return Map.of("key", key, "action", "DELETED");
        } catch (S3Exception refused) {
            Integer days = SCANNED.entrySet().stream().filter(e -> key.startsWith(e.getKey())).map(Map.Entry::getValue)
                    .findFirst().orElse(AccessDocuments.RETENTION_DAYS);
            return Map.of("key", key, "action", "EXPIRES", "expiresBy", now.plus(Duration.ofDays(days)).toString(),
                    "reason", "S3 refused the deletion (" + refused.statusCode() + "); the bucket's lifecycle removes it");
        }
    }

    private boolean mentions(String bucket, String key, Collection<String> needles) {
        try (ResponseInputStream<GetObjectResponse> in = s3.get().getObject(b -> b.bucket(bucket).key(key))) {
            if (key.endsWith(".xlsx")) {
                // streamed workbooks put entry sizes after the data, which ZipInputStream cannot read: use the central directory
                Path file = Files.createTempFile("scan", ".xlsx");
                try {
                    Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                    try (ZipFile zip = new ZipFile(file.toFile())) {
                        for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                            try (InputStream part = zip.getInputStream(entry)) {
                                if (contains(text(part), needles)) {
                                    return true;
                                }
                            }
                        }
                    }
                    return false;
                } finally {
                    Files.deleteIfExists(file);
                }
            }
            return contains(text(in), needles);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean contains(String text, Collection<String> needles) {
        String lower = text.toLowerCase(Locale.ROOT);
        return needles.stream().anyMatch(n -> n != null && !n.isBlank() && lower.contains(n.toLowerCase(Locale.ROOT)));
    }

    private static String text(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
