package com.customerhub.api.http;

import com.customerhub.core.error.ApiException;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;

/** Builds problem+json answers. */
public final class ProblemResponses {
    private ProblemResponses() {
    }

    public static Problem toProblem(ApiException e) {
        return new Problem(Problem.typeFor(e.title()), e.title(), e.status(), e.detail(), e.errors(), e.extensions());
    }

    public static MutableHttpResponse<Problem> response(Problem problem) {
        MutableHttpResponse<Problem> response = HttpResponse.<Problem>status(HttpStatus.valueOf(problem.status()))
                .body(problem)
                .contentType(Problem.MEDIA_TYPE);
        if (problem.status() == 503) {
            response.header("Retry-After", "1");
        }
        return response;
    }
}
