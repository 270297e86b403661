package com.customerhub.localaws;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Builds API Gateway HTTP API (payload 2.0) events the way API Gateway does: lower-case headers,
 * the raw query string and its parsed parameters, the route key, the JWT claims of the authorizer,
 * and a body that is plain text when it is valid UTF-8 and base64 otherwise.
 */
public final class ApiGatewayEvents {
    private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private ApiGatewayEvents() {
    }

    /** Reads a payload-2.0 event from a JSON file, as in {@code events/}. */
    public static APIGatewayV2HTTPEvent read(Path file) {
        try {
            return JSON.readValue(Files.readAllBytes(file), APIGatewayV2HTTPEvent.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static APIGatewayV2HTTPEvent build(String method, String path, String rawQuery, Map<String, String> headers,
                                              byte[] body, String routeKey, Map<String, String> claims) {
        Map<String, String> lowerHeaders = new LinkedHashMap<>();
        headers.forEach((name, value) -> lowerHeaders.merge(name.toLowerCase(Locale.ROOT), value, (a, b) -> a + "," + b));
        Instant now = Instant.now();
        APIGatewayV2HTTPEvent.RequestContext.Http http = APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                .withMethod(method).withPath(path).withProtocol("HTTP/1.1").withSourceIp("127.0.0.1")
                .withUserAgent(lowerHeaders.getOrDefault("user-agent", "")).build();
        APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer = claims == null ? null
                : APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder().withClaims(claims).build()).build();
        APIGatewayV2HTTPEvent.RequestContext context = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withAccountId("000000000000").withApiId("local").withDomainName("localhost").withDomainPrefix("localhost")
                .withHttp(http).withRequestId(UUID.randomUUID().toString()).withRouteKey(routeKey).withStage("$default")
                .withTime(REQUEST_TIME.format(now)).withTimeEpoch(now.toEpochMilli()).withAuthorizer(authorizer).build();
        APIGatewayV2HTTPEvent.APIGatewayV2HTTPEventBuilder event = APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0").withRouteKey(routeKey).withRawPath(path)
                .withRawQueryString(rawQuery == null ? "" : rawQuery)
                .withHeaders(lowerHeaders).withQueryStringParameters(QueryStrings.parse(rawQuery))
                .withRequestContext(context);
        if (body != null && body.length > 0) {
            String text = utf8(body);
            event.withBody(text != null ? text : Base64.getEncoder().encodeToString(body)).withIsBase64Encoded(text == null);
        }
        return event.build();
    }

    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
