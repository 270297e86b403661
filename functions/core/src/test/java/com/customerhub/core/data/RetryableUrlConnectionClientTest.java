package com.customerhub.core.data;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A server that drops the first connection after reading the request head, before its
 * "100 Continue": what a kept-alive connection closed by the server looks like to an S3 PUT (the
 * failure CI saw from S3Proxy: "Unexpected end of file from server"). The call must be retried.
 */
class RetryableUrlConnectionClientTest {
    private ServerSocket server;
    private Thread acceptor;
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::serve, "dropping-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    @Test
    void aDroppedConnectionIsRetriedByTheSdk() {
        try (S3Client s3 = client(RetryableUrlConnectionClient.create())) {
            s3.putObject(b -> b.bucket("b").key("reports/t1/x.xlsx"), RequestBody.fromString("x"));
        }
        assertThat(requests.get()).isEqualTo(2);
    }

    @Test
    void theUnwrappedClientFailsAtOnceWhichIsWhyTheWrapperExists() {
        // when the SDK line in use retries this by itself (aws-sdk-java-v2 #7347), delete the wrapper
        try (S3Client s3 = client(UrlConnectionHttpClient.create())) {
            assertThatThrownBy(() -> s3.putObject(b -> b.bucket("b").key("reports/t1/x.xlsx"), RequestBody.fromString("x")))
                    .isInstanceOf(UncheckedIOException.class);
        }
        assertThat(requests.get()).isEqualTo(1);
    }

    private S3Client client(SdkHttpClient http) {
        return S3Client.builder().forcePathStyle(true).httpClient(http).region(Region.EU_WEST_1)
                .endpointOverride(URI.create("http://127.0.0.1:" + server.getLocalPort()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                String headers = readHead(socket.getInputStream());
                if (requests.incrementAndGet() > 1) {
                    OutputStream out = socket.getOutputStream();
                    if (headers.contains("expect: 100-continue")) {
                        out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    }
                    socket.getInputStream().readNBytes(contentLength(headers));
                    out.write(("HTTP/1.1 200 OK\r\nETag: \"9dd4e461268c8034f5c8564e155c67a6\"\r\nConnection: close\r\n"
                            + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** The request line and headers, lower-cased; the body is left unread (the client waits for "100 Continue"). */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
    }

    private static int contentLength(String headers) {
        int at = headers.indexOf("\r\ncontent-length:");
        return at < 0 ? 0 : Integer.parseInt(headers.substring(at + 17, headers.indexOf("\r\n", at + 2)).trim());
    }
}
