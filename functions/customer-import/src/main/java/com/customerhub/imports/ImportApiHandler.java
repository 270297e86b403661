package com.customerhub.imports;

import com.customerhub.api.http.ApiHandler;
import io.micronaut.context.ApplicationContext;

/** The Lambda handler of the /imports and /exports API (the class the SAM template names). */
@io.swagger.v3.oas.annotations.OpenAPIDefinition(
        info = @io.swagger.v3.oas.annotations.info.Info(title = "customer-hub imports", version = "1", description = "Excel import and export"),
        security = @io.swagger.v3.oas.annotations.security.SecurityRequirement(name = "bearer"))
public class ImportApiHandler extends ApiHandler {
    public ImportApiHandler() {
        super();
    }

    public ImportApiHandler(ApplicationContext context) {
        super(context);
    }
}
