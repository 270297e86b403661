package com.customerhub.localaws;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * S3Proxy in this JVM, speaking the S3 API with AWS v2/v4 signatures (credentials test/test),
 * storing objects on disk or in memory. A decorator around the blob store lets the local stack
 * react to puts the way an S3 event notification would.
 */
public final class LocalS3 implements AutoCloseable {
    public static final String ACCESS_KEY = "test";
    public static final String SECRET_KEY = "test";

    private final S3Proxy proxy;
    private final URI endpoint;

    private LocalS3(S3Proxy proxy, URI endpoint) {
        this.proxy = proxy;
        this.endpoint = endpoint;
    }

    public static LocalS3 start(int port, Path dataDir, UnaryOperator<BlobStore> decorator) {
        int actualPort = port == 0 ? FreePorts.find() : port;
        URI endpoint = URI.create("http://127.0.0.1:" + actualPort);
        try {
            BlobStore store;
            if (dataDir == null) {
                store = new TransientNio2BlobStore();
            } else {
                Files.createDirectories(dataDir);
                store = new FilesystemNio2BlobStore(dataDir.toAbsolutePath().toString());
            }
            S3Proxy proxy = S3Proxy.builder()
                    .blobStore(decorator.apply(store))
                    .endpoint(endpoint)
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                    .ignoreUnknownHeaders(true)
                    .build();
            proxy.start();
            while (!"STARTED".equals(proxy.getState())) {
                Thread.sleep(10);
            }
            return new LocalS3(proxy, endpoint);
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not start on port " + actualPort, e);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    /** A client of this S3 for tests and the local stack's own use (functions build theirs in core). */
    public S3Client client() {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
    }

    public void createBucket(String name) {
        try (S3Client s3 = client()) {
            s3.createBucket(b -> b.bucket(name));
        } catch (BucketAlreadyOwnedByYouException alreadyThere) {
            // kept from an earlier run
        } catch (S3Exception e) {
            if (e.statusCode() != 409) {
                throw e;
            }
        }
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not stop", e);
        }
    }
}
