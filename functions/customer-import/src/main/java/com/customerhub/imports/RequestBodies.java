package com.customerhub.imports;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.micronaut.http.HttpRequest;
import io.micronaut.servlet.http.ServletHttpRequest;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** An optional request body: an empty one is null here, not an error (confirm of an upsert has none). */
final class RequestBodies {
    private RequestBodies() {
    }

    static byte[] optional(HttpRequest<?> request) {
        if (request instanceof ServletHttpRequest<?, ?> servlet && servlet.getNativeRequest() instanceof APIGatewayV2HTTPEvent event) {
            String body = event.getBody();
            if (body == null || body.isEmpty()) {
                return null;
            }
            return event.getIsBase64Encoded() ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
        }
        return request.getBody(byte[].class).orElse(null);
    }
}
