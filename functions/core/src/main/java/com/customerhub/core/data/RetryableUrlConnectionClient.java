package com.customerhub.core.data;

import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The URL-connection HTTP client with its I/O failures made retryable. It wraps an
 * {@code IOException} of a request (typically "Unexpected end of file from server": a kept-alive
 * connection the server had closed) in an {@code UncheckedIOException}, which the SDK's retry
 * stage does not catch, so the call failed at once where the Apache client's would be retried
 * (aws-sdk-java-v2 #2891, fixed after the 2.40 line in #7347). Unwrapping it hands the failure to
 * the client's retry strategy like any other I/O error.
 */
public final class RetryableUrlConnectionClient implements SdkHttpClient {
    private final SdkHttpClient delegate;

    private RetryableUrlConnectionClient(SdkHttpClient delegate) {
        this.delegate = delegate;
    }

    public static SdkHttpClient create() {
        return new RetryableUrlConnectionClient(UrlConnectionHttpClient.create());
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        ExecutableHttpRequest call = delegate.prepareRequest(request);
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                try {
                    return call.call();
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
            }

            @Override
            public void abort() {
                call.abort();
            }
        };
    }

    @Override
    public String clientName() {
        return delegate.clientName();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
