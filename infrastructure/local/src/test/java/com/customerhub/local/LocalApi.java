package com.customerhub.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** HTTP calls to a running local stack, as a client would make them: the API, and presigned S3 URLs. */
final class LocalApi {
    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;

    LocalApi(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    HttpResponse<String> send(String method, String path, String token, String body, String... headers) throws Exception {
        return sendBytes(method, path, token, body == null ? null : body.getBytes(StandardCharsets.UTF_8), headers);
    }

    HttpResponse<String> sendBytes(String method, String path, String token, byte[] body, String... headers) throws Exception {
        return http.send(request(method, path, token, body, headers).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A GET whose answer is a file (the import template), kept as bytes. */
    HttpResponse<byte[]> file(String path, String token) throws Exception {
        return http.send(request("GET", path, token, null).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** What a presigned download URL (an export, an import report) serves. */
    HttpResponse<byte[]> download(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A PUT to a presigned upload URL with the headers the URL was signed with. */
    HttpResponse<String> upload(String url, Map<String, String> signedHeaders, byte[] content) throws Exception {
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(url)).PUT(HttpRequest.BodyPublishers.ofByteArray(content));
        signedHeaders.forEach(put::header);
        return http.send(put.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String method, String path, String token, byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.setHeader(headers[i], headers[i + 1]); // replaces the default Content-Type
        }
        return request;
    }
}
