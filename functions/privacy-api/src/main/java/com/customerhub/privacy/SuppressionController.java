package com.customerhub.privacy;

import com.customerhub.api.http.QueryParams;
import com.customerhub.api.security.AccessFilter;
import com.customerhub.core.error.ApiException;
import com.customerhub.core.error.FieldError;
import com.customerhub.core.identity.Identity;
import com.customerhub.core.privacy.Suppressions;
import com.customerhub.core.validation.EmailAddresses;
import com.customerhub.core.validation.PhoneNumbers;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestAttribute;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code GET /suppressions/check?mobile=&email=}: is this person on the list of erased people? */
@Controller("/suppressions")
public class SuppressionController {
    private final Suppressions suppressions;
    private final PhoneNumbers phones;

    public SuppressionController(Suppressions suppressions, PhoneNumbers phones) {
        this.suppressions = suppressions;
        this.phones = phones;
    }

    @Get("/check")
    public Map<String, Object> check(@RequestAttribute(AccessFilter.IDENTITY) Identity who, @Nullable @QueryValue String mobile,
                                     @Nullable @QueryValue String email) {
        List<FieldError> errors = new ArrayList<>();
        String number = null;
        String address = null;
        if (QueryParams.text(mobile) != null) {
            number = phones.toE164(mobile.strip()).orElse(null);
            if (number == null) {
                errors.add(new FieldError("mobile", "must be a valid phone number in E.164 with its country prefix"));
            }
        }
        if (QueryParams.text(email) != null) {
            address = EmailAddresses.normalize(email.strip()).orElse(null);
            if (address == null) {
                errors.add(new FieldError("email", "must be a valid email address"));
            }
        }
        if (errors.isEmpty() && number == null && address == null) {
            errors.add(new FieldError("mobile", "mobile or email is required"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        boolean suppressed = suppressions.suppressed(who.tenantId(), Suppressions.Kind.MOBILE, number)
                || suppressions.suppressed(who.tenantId(), Suppressions.Kind.EMAIL, address);
        return Map.of("suppressed", suppressed);
    }
}
