package com.customerhub.localaws;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * DynamoDB Local in this JVM, in memory or with its data in a folder. Needs the sqlite4java
 * native library ({@code sqlite4java.library.path}), which the build copies to target/native-libs.
 */
public final class LocalDynamoDb implements DynamoTarget, AutoCloseable {
    private final DynamoDBProxyServer server;
    private final URI endpoint;

    private LocalDynamoDb(DynamoDBProxyServer server, URI endpoint) {
        this.server = server;
        this.endpoint = endpoint;
    }

    /** Starts on the port (0 = any free port); {@code dataDir} null keeps the data in memory. */
    public static LocalDynamoDb start(int port, Path dataDir) {
        NativeLibraries.ensureSqlite4java();
        int actualPort = port == 0 ? FreePorts.find() : port;
        List<String> args = new ArrayList<>(List.of("-port", Integer.toString(actualPort), "-disableTelemetry"));
        try {
            if (dataDir == null) {
                args.add("-inMemory");
            } else {
                Files.createDirectories(dataDir);
                args.addAll(List.of("-sharedDb", "-dbPath", dataDir.toAbsolutePath().toString()));
            }
            DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
            server.start();
            return new LocalDynamoDb(server, URI.create("http://localhost:" + actualPort));
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start on port " + actualPort, e);
        }
    }

    @Override
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public DynamoDbClient client() {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not stop", e);
        }
    }
}
