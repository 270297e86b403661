package com.customerhub.api.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.customerhub.api.snapstart.SnapStartRegistration;
import com.customerhub.core.error.ApiException;
import com.customerhub.core.lambda.OnDemandContext;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.LambdaApplicationContextBuilder;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.util.Map;
import java.util.UUID;

/**
 * The Lambda entry point of an API function (HTTP API, payload 2.0). Before Micronaut sees the
 * request it caps the body size (413 without parsing) and tags the log context with the request
 * id; afterwards it logs one line per request, with no personal data (no path values, no query).
 */
public class ApiHandler extends APIGatewayV2HTTPEventFunction {
    public static final int MAX_BODY_BYTES = 256 * 1024;
    private static final String SNAP_START = "snap-start";

    public ApiHandler() {
        super();
    }

    public ApiHandler(ApplicationContext context) {
        super(context);
    }

    /** Called by the Lambda runtime's constructor first, before the context exists. */
    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        String initializationType = System.getenv("AWS_LAMBDA_INITIALIZATION_TYPE");
        if (!SNAP_START.equals(initializationType)) {
            ColdStartPreload.start();
        }
        return contextBuilder(initializationType);
    }

    /**
     * Micronaut's Lambda builder creates every singleton at start, which pays off only when the
     * start is snapshotted (SnapStart restores the warmed beans; the priming hook, registered only
     * there, runs before the snapshot). On an on-demand cold start it costs seconds for beans the
     * request never needs (S3, EventBridge and the services of other routes), so there beans are made
     * when first used, no priming hook is registered and the
     * DynamoDB client is built on a second thread while the router is built ({@link ClientWarmup}),
     * its classes and those of the first request having been loaded while the context started
     * ({@link ColdStartPreload}).
     */
    public static ApplicationContextBuilder contextBuilder(String initializationType) {
        if (SNAP_START.equals(initializationType)) {
            return new LambdaApplicationContextBuilder().properties(Map.of(SnapStartRegistration.ENABLED, true));
        }
        return OnDemandContext.builder().properties(Map.of(ClientWarmup.ENABLED, true));
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context lambdaContext) {
        long started = System.nanoTime();
        String requestId = event.getRequestContext() != null && event.getRequestContext().getRequestId() != null
                ? event.getRequestContext().getRequestId() : UUID.randomUUID().toString();
        MDC.put("requestId", requestId);
        APIGatewayV2HTTPResponse response = null;
        try {
            response = bodyBytes(event) > MAX_BODY_BYTES
                    ? problem(ProblemResponses.toProblem(ApiException.payloadTooLarge(MAX_BODY_BYTES)))
                    : super.handleRequest(event, lambdaContext);
            return response;
        } finally {
            String method = event.getRequestContext() != null && event.getRequestContext().getHttp() != null
                    ? event.getRequestContext().getHttp().getMethod() : "?";
            RequestLog.LOG.info("request method={} status={} durationMs={}", method,
                    response == null ? 500 : response.getStatusCode(), (System.nanoTime() - started) / 1_000_000);
            MDC.clear();
        }
    }

    private static long bodyBytes(APIGatewayV2HTTPEvent event) {
        String body = event.getBody();
        if (body == null) {
            return 0;
        }
        return event.getIsBase64Encoded() ? (long) body.length() * 3 / 4 : body.length();
    }

    private APIGatewayV2HTTPResponse problem(Problem problem) {
        try {
            String body = getApplicationContext().getBean(ObjectMapper.class).writeValueAsString(problem);
            return APIGatewayV2HTTPResponse.builder().withStatusCode(problem.status())
                    .withHeaders(Map.of("Content-Type", Problem.MEDIA_TYPE)).withBody(body).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The request log, created on first use: a static logger field would set up logging while the
     * Lambda runtime loads this class, before {@link #newApplicationContextBuilder} starts the
     * preload thread, so that the two would run one after the other instead of side by side.
     */
    private static final class RequestLog {
        static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
    }
}
