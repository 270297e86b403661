package com.customerhub.core.data;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * SDK clients built once per container, on the URL-connection HTTP client (small and fast to
 * start; see {@link RetryableUrlConnectionClient} for why it is wrapped).
 * {@code aws.endpoint-override.dynamodb} points them at DynamoDB Local or LocalStack.
 */
@Factory
public class AwsClientFactory {

    @Singleton
    DynamoDbClient dynamoDb(@Value("${aws.endpoint-override.dynamodb:}") Optional<String> endpoint,
                            @Value("${aws.region:us-east-1}") String region, List<ExecutionInterceptor> interceptors) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .httpClient(RetryableUrlConnectionClient.create())
                .region(regionOf(region))
                // adaptive retries back off on throttling instead of failing the request; interceptors
                // (none in production) let tests count calls or inject throttling
                .overrideConfiguration(ClientOverrideConfiguration.builder().retryStrategy(RetryMode.ADAPTIVE_V2)
                        .executionInterceptors(interceptors).build());
        endpoint.filter(e -> !e.isBlank()).map(URI::create).ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /** S3; with an endpoint override (S3Proxy, LocalStack) path-style addressing is used. */
    @Singleton
    S3Client s3(@Value("${aws.endpoint-override.s3:}") Optional<String> endpoint,
                @Value("${aws.region:us-east-1}") String region) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClient(RetryableUrlConnectionClient.create())
                .region(regionOf(region))
                .overrideConfiguration(ClientOverrideConfiguration.builder().retryStrategy(RetryMode.ADAPTIVE_V2).build());
        endpoint.filter(e -> !e.isBlank()).map(URI::create).ifPresent(uri -> builder.endpointOverride(uri).forcePathStyle(true));
        return builder.build();
    }

    /** The product's event bus; inject it as a {@code Provider} so that functions build it only when they publish. */
    @Singleton
    EventBridgeClient eventBridge(@Value("${aws.region:us-east-1}") String region) {
        return EventBridgeClient.builder().httpClient(RetryableUrlConnectionClient.create())
                .region(regionOf(region)).build();
    }

    /** Presigned URLs for uploads and downloads, pointing at the same endpoint as the client. */
    @Singleton
    S3Presigner s3Presigner(@Value("${aws.endpoint-override.s3:}") Optional<String> endpoint,
                            @Value("${aws.region:us-east-1}") String region) {
        S3Presigner.Builder builder = S3Presigner.builder()
                .region(regionOf(region))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(endpoint.filter(e -> !e.isBlank()).isPresent()).build());
        endpoint.filter(e -> !e.isBlank()).map(URI::create).ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /** The Lambda runtime's {@code AWS_REGION}, else the configured region (local stack, tests). */
    public static Region regionOf(String configured) {
        return Region.of(System.getenv().getOrDefault("AWS_REGION", configured));
    }
}
