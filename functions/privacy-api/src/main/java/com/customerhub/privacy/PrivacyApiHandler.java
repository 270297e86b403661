package com.customerhub.privacy;

import com.customerhub.api.http.ApiHandler;
import io.micronaut.context.ApplicationContext;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

/** The Lambda handler of the privacy API: consents, outbound permission, data-subject requests, suppression check. */
@OpenAPIDefinition(
        info = @Info(title = "customer-hub privacy", version = "1", description = "The consent ledger, outbound permission, data-subject requests and the suppression check"),
        security = @SecurityRequirement(name = "bearer"))
public class PrivacyApiHandler extends ApiHandler {
    public PrivacyApiHandler() {
        super();
    }

    public PrivacyApiHandler(ApplicationContext context) {
        super(context);
    }
}
