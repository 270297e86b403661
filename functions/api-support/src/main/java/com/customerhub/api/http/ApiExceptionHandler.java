package com.customerhub.api.http;

import com.customerhub.core.error.ApiException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Renders the errors the domain raises as problem+json. */
@Singleton
public class ApiExceptionHandler implements ExceptionHandler<ApiException, HttpResponse<Problem>> {
    @Override
    public HttpResponse<Problem> handle(HttpRequest request, ApiException exception) {
        return ProblemResponses.response(ProblemResponses.toProblem(exception));
    }
}
