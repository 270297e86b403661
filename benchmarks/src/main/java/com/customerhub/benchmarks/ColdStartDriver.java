package com.customerhub.benchmarks;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the Lambda runtime does in a fresh JVM: load the handler class by name, construct it,
 * read the event, invoke it once, and report the status. Run with the function's jar on the classpath.
 */
public final class ColdStartDriver {
    private ColdStartDriver() {
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        long jvmStarted = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
        long constructing = System.currentTimeMillis();
        RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler =
                (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) Class.forName(args[0]).getConstructor().newInstance();
        APIGatewayV2HTTPEvent event = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .readValue(Files.readAllBytes(Path.of(args[1])), APIGatewayV2HTTPEvent.class);
        long invoking = System.currentTimeMillis();
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
        long answered = System.currentTimeMillis();
        System.out.println("STATUS " + response.getStatusCode());
        // the wall-clock time of the answer: the harness measures to it, not to the JVM's exit
        System.out.println("ANSWERED_AT " + answered);
        // where the time went: JVM start to main, handler construction (init), first invocation
        System.out.println("PHASES jvm=" + (constructing - jvmStarted) + "ms init=" + (invoking - constructing)
                + "ms firstCall=" + (answered - invoking) + "ms");
        System.exit(0);
    }
}
