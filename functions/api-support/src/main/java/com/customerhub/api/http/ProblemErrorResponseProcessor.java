package com.customerhub.api.http;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;

/**
 * Makes the framework's own errors (unknown route, wrong method or media type, unreadable body,
 * unexpected failures) problem+json too. A 500 says nothing about its cause: the log has it.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
public class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {

    @Override
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        int status = response.code();
        String title = titleOf(status);
        String detail;
        if (status >= 500) {
            detail = "an unexpected error occurred; the request id in the logs identifies it";
        } else if (status == 404) {
            detail = "no such resource";
        } else {
            detail = context.getErrors().stream().map(Error::getMessage).findFirst().orElse(title);
        }
        Problem problem = new Problem(Problem.typeFor(title), title, status, detail, List.of(), Map.of());
        return response.contentType(Problem.MEDIA_TYPE).body(problem);
    }

    static String titleOf(int status) {
        return switch (status) {
            case 400 -> "Invalid request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 406 -> "Not acceptable";
            case 413 -> "Payload too large";
            case 415 -> "Unsupported media type";
            default -> status >= 500 ? "Internal error" : "Request failed";
        };
    }
}
