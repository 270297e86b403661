package com.customerhub.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.customerhub.localaws.ApiGatewayEvents;
import com.customerhub.localaws.SamTemplate;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Does locally what API Gateway's HTTP API does: matches the request to a route of the template,
 * rejects it with 401 unless the JWT authorizer accepts the bearer token, turns it into a
 * payload-2.0 event carrying the verified claims, invokes the route's function and writes back
 * its answer. Bodies over API Gateway's 10 MB are refused with 413 before any function runs.
 */
final class ApiGatewayRouter implements HttpHandler {
    static final int API_GATEWAY_MAX_BODY = 10 * 1024 * 1024;

    private record Route(String method, String template, Pattern pattern, List<String> names, FunctionRuntime function,
                         int literalSegments) {
    }

    private final List<Route> routes = new ArrayList<>();
    private final LocalJwtIssuer authorizer;
    private final String openApi;

    ApiGatewayRouter(List<FunctionRuntime> functions, LocalJwtIssuer authorizer, String openApi) {
        this.authorizer = authorizer;
        this.openApi = openApi;
        for (FunctionRuntime function : functions) {
            for (SamTemplate.Route route : function.definition().routes()) {
                List<String> names = new ArrayList<>();
                StringBuilder regex = new StringBuilder("^");
                int literals = 0;
                for (String segment : route.path().substring(1).split("/")) {
                    regex.append('/');
                    if (segment.startsWith("{") && segment.endsWith("}")) {
                        names.add(segment.substring(1, segment.length() - 1));
                        regex.append("([^/]+)");
                    } else {
                        literals++;
                        regex.append(Pattern.quote(segment));
                    }
                }
                routes.add(new Route(route.method(), route.path(), Pattern.compile(regex.append('$').toString()), names,
                        function, literals));
            }
        }
        // the most specific route wins, as in API Gateway
        routes.sort(Comparator.comparingInt(Route::literalSegments).reversed());
    }

    List<String> routeKeys() {
        return routes.stream().map(r -> r.method() + " " + r.template()).sorted().toList();
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod().toUpperCase();
            String path = exchange.getRequestURI().getRawPath();
            if (method.equals("GET") && path.equals("/openapi.yml")) {
                byte[] document = openApi.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/yaml");
                exchange.sendResponseHeaders(200, document.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(document);
                }
                return;
            }
            List<Route> onPath = routes.stream().filter(r -> r.pattern().matcher(path).matches()).toList();
            Optional<Route> route = onPath.stream().filter(r -> r.method().equals(method)).findFirst();
            if (route.isEmpty()) {
                boolean otherMethod = !onPath.isEmpty();
                send(exchange, otherMethod ? 405 : 404, otherMethod ? "Method not allowed" : "Not found",
                        otherMethod ? "this route does not accept " + method : "no such route");
                return;
            }
            Optional<Map<String, String>> claims = authorizer.verify(exchange.getRequestHeaders().getFirst("Authorization"));
            if (claims.isEmpty()) {
                send(exchange, 401, "Unauthorized", "a valid bearer token of the local issuer is required (see .local/tokens.json)");
                return;
            }
            byte[] body = readBody(exchange.getRequestBody());
            if (body == null) {
                send(exchange, 413, "Payload too large", "the body is larger than API Gateway's 10 MB");
                return;
            }
            APIGatewayV2HTTPEvent event = ApiGatewayEvents.build(method, path, exchange.getRequestURI().getRawQuery(),
                    headersOf(exchange), body, method + " " + route.get().template(), claims.get());
            event.setPathParameters(pathParameters(route.get(), path));
            APIGatewayV2HTTPResponse response = (APIGatewayV2HTTPResponse) route.get().function().invoke(event, null);
            write(exchange, response);
        } catch (RuntimeException e) {
            System.err.println("local API gateway: function failed: " + e);
            send(exchange, 502, "Bad gateway", "the function failed; see the local stack's output");
        }
    }

    private static Map<String, String> pathParameters(Route route, String path) {
        Matcher matcher = route.pattern().matcher(path);
        if (!matcher.matches() || route.names().isEmpty()) {
            return null;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < route.names().size(); i++) {
            parameters.put(route.names().get(i), java.net.URLDecoder.decode(matcher.group(i + 1), StandardCharsets.UTF_8));
        }
        return parameters;
    }

    private static Map<String, String> headersOf(HttpExchange exchange) {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, String.join(",", values)));
        return headers;
    }

    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(API_GATEWAY_MAX_BODY + 1);
        return body.length > API_GATEWAY_MAX_BODY ? null : body;
    }

    private static void write(HttpExchange exchange, APIGatewayV2HTTPResponse response) throws IOException {
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        }
        if (response.getMultiValueHeaders() != null) {
            response.getMultiValueHeaders().forEach((name, values) -> exchange.getResponseHeaders().put(name, new ArrayList<>(values)));
        }
        byte[] body = response.getBody() == null ? new byte[0]
                : response.getIsBase64Encoded() ? Base64.getDecoder().decode(response.getBody())
                : response.getBody().getBytes(StandardCharsets.UTF_8);
        int status = response.getStatusCode();
        boolean noBody = status == 204 || status == 304 || body.length == 0;
        exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String title, String detail) throws IOException {
        String type = "urn:customer-hub:problem:" + title.toLowerCase().replace(' ', '-');
        String body = "{\"type\":\"" + type + "\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
