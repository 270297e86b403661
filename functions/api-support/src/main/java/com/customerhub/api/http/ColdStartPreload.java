package com.customerhub.api.http;

import com.customerhub.api.snapstart.PrimingSample;
import com.customerhub.core.data.AwsClientFactory;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * On an on-demand cold start, loads the classes of the first request on a second thread while the
 * main thread starts Micronaut's context, so that the two overlap instead of adding up (class
 * loading is about 60 % of either; see the README's cold-start section). It needs nothing from the
 * context and keeps nothing: a throwaway DynamoDB client, configured like the real one, makes one
 * GetItem whose HTTP client answers {@code {}} in memory (the SDK's marshalling, signing, endpoint
 * rules, retry strategy and unmarshalling; nothing leaves the process); Jackson's serializers of a
 * customer; and Reactor's {@code Flux}, whose verification
 * alone loads some 260 operator classes the HTTP layer's first request would otherwise load.
 * <p>
 * It starts before logging is set up (the main thread sets it up meanwhile, see
 * {@code ApiHandler.RequestLog}), so it begins with Jackson, which does not log; Reactor and the
 * SDK, which do, come after. Were they to log while SLF4J is still initialising, SLF4J would replay
 * those calls and say so on stderr, nothing worse.
 */
final class ColdStartPreload {
    private static final byte[] EMPTY_OBJECT = "{}".getBytes(StandardCharsets.UTF_8);

    private ColdStartPreload() {
    }

    static void start() {
        Thread thread = new Thread(ColdStartPreload::runQuietly, "cold-start-preload");
        thread.setDaemon(true);
        thread.start();
    }

    private static void runQuietly() {
        try {
            run();
        } catch (Exception | LinkageError e) {
            // only a head start: the first request loads whatever is missing itself (no static logger: see above)
            LoggerFactory.getLogger(ColdStartPreload.class).debug("preloading the first request's classes stopped: {}", e.toString());
        }
    }

    /** The preload itself; returns what the throwaway GetItem answered (no item). */
    static Map<String, AttributeValue> run() throws Exception {
        JsonMapper.builder().addModule(new JavaTimeModule()).build()
                .writeValueAsString(PrimingSample.customer(Instant.now()));
        Flux.just(PrimingSample.ID).map(String::length).blockLast();
        Map<String, AttributeValue> answer;
        try (DynamoDbClient dynamo = DynamoDbClient.builder()
                     .httpClient(new AnswersEmptyObject())
                     .region(AwsClientFactory.regionOf("us-east-1"))
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("preload", "preload")))
                     .overrideConfiguration(ClientOverrideConfiguration.builder().retryStrategy(RetryMode.ADAPTIVE_V2).build())
                     .build()) {
            answer = dynamo.getItem(b -> b.tableName("preload").consistentRead(true)
                    .key(Map.of("pk", AttributeValue.fromS(PrimingSample.NO_TENANT), "sk", AttributeValue.fromS("PROFILE")))).item();
        }
        return answer;
    }

    /** An HTTP client that answers every request with an empty JSON object, without a connection. */
    private static final class AnswersEmptyObject implements SdkHttpClient {
        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() {
                    return HttpExecuteResponse.builder()
                            .response(SdkHttpResponse.builder().statusCode(200).build())
                            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(EMPTY_OBJECT)))
                            .build();
                }

                @Override
                public void abort() {
                    // answered in memory: nothing to abort
                }
            };
        }

        @Override
        public void close() {
            // holds nothing
        }
    }
}
