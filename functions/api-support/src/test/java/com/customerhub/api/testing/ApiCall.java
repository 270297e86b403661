package com.customerhub.api.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.customerhub.localaws.ApiGatewayEvents;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** A payload-2.0 event from {@code events/}, adjusted for one test call. */
public final class ApiCall {
    public static final String FIXTURE_ID = "01HZZZZZZZZZZZZZZZZZZZZZZZ";
    public static final String FIXTURE_SUB_ID = "01HYYYYYYYYYYYYYYYYYYYYYYY";

    private final APIGatewayV2HTTPEvent event;

    private ApiCall(APIGatewayV2HTTPEvent event) {
        this.event = event;
    }

    /** The event file of that name in any folder of {@code events/}. */
    public static ApiCall fixture(String name) {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(dir.resolve("events"))) {
            dir = dir.getParent();
        }
        try (var files = Files.walk(dir.resolve("events"))) {
            Path file = files.filter(f -> f.getFileName().toString().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no event fixture " + name));
            return new ApiCall(ApiGatewayEvents.read(file));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public ApiCall tenant(String tenant) {
        claims().put("custom:tenantId", tenant);
        return this;
    }

    public ApiCall groups(String groups) {
        claims().put("cognito:groups", groups);
        return this;
    }

    public ApiCall claim(String name, String value) {
        claims().put(name, value);
        return this;
    }

    public ApiCall noClaims() {
        event.getRequestContext().setAuthorizer(null);
        return this;
    }

    /** The customer id of the path. */
    public ApiCall id(String id) {
        return replaceInPath(FIXTURE_ID, id);
    }

    /** The second id of the path (contact, authorization or interaction). */
    public ApiCall sub(String id) {
        return replaceInPath(FIXTURE_SUB_ID, id);
    }

    private ApiCall replaceInPath(String placeholder, String id) {
        String path = event.getRawPath().replace(placeholder, id);
        event.setRawPath(path);
        event.getRequestContext().getHttp().setPath(path);
        if (event.getPathParameters() != null) {
            Map<String, String> parameters = new HashMap<>(event.getPathParameters());
            parameters.replaceAll((name, value) -> value.equals(placeholder) ? id : value);
            event.setPathParameters(parameters);
        }
        return this;
    }

    public ApiCall query(String rawQuery) {
        event.setRawQueryString(rawQuery);
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                parameters.put(java.net.URLDecoder.decode(pair.substring(0, eq), java.nio.charset.StandardCharsets.UTF_8),
                        java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        event.setQueryStringParameters(parameters.isEmpty() ? null : parameters);
        return this;
    }

    public ApiCall header(String name, String value) {
        Map<String, String> headers = new HashMap<>(event.getHeaders());
        if (value == null) {
            headers.remove(name);
        } else {
            headers.put(name, value);
        }
        event.setHeaders(headers);
        return this;
    }

    public ApiCall body(String body) {
        event.setBody(body);
        event.setIsBase64Encoded(false);
        return this;
    }

    public ApiCall base64Body(String base64) {
        event.setBody(base64);
        event.setIsBase64Encoded(true);
        return this;
    }

    public String body() {
        return event.getBody();
    }

    public APIGatewayV2HTTPEvent event() {
        return event;
    }

    private Map<String, String> claims() {
        var jwt = event.getRequestContext().getAuthorizer().getJwt();
        if (!(jwt.getClaims() instanceof HashMap)) {
            jwt.setClaims(new HashMap<>(jwt.getClaims()));
        }
        return jwt.getClaims();
    }
}
