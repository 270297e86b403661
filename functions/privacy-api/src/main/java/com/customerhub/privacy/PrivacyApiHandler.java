package com.customerhub.privacy;

import com.customerhub.api.http.ApiHandler;
import io.micronaut.context.ApplicationContext;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

/** The Lambda handler of the privacy API: consents and outbound permission. */
@OpenAPIDefinition(
        info = @Info(title = "customer-hub privacy", version = "1", description = "The consent ledger and outbound permission"),
        security = @SecurityRequirement(name = "bearer"))
public class PrivacyApiHandler extends ApiHandler {
    public PrivacyApiHandler() {
        super();
    }

    public PrivacyApiHandler(ApplicationContext context) {
        super(context);
    }
}
