package com.customerhub.api.testing;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs in a JVM of its own with a function's deployable jar as the classpath (and this class): loads
 * the handler by name as the Lambda runtime does, then sends it every event file of a folder, in
 * name order, printing {@code STATUS <file> <code>} for each (500 with the error when it throws).
 * Uses only what the jar holds (the Lambda event types, Jackson).
 */
public final class LambdaJarDriver {
    private LambdaJarDriver() {
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler =
                (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) Class.forName(args[0]).getConstructor().newInstance();
        ObjectMapper json = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        for (Path file : files(Path.of(args[1]))) {
            String name = file.getFileName().toString();
            try {
                APIGatewayV2HTTPResponse response = handler.handleRequest(json.readValue(file.toFile(), APIGatewayV2HTTPEvent.class), null);
                System.out.println("STATUS " + name + " " + response.getStatusCode());
            } catch (RuntimeException | LinkageError e) {
                System.out.println("STATUS " + name + " 500 " + e);
            }
        }
        System.exit(0);
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }
}
