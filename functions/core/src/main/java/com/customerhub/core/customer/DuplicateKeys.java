package com.customerhub.core.customer;

import com.customerhub.core.validation.EmailAddresses;
import com.customerhub.core.validation.PhoneNumbers;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The keys under which two customers count as possible duplicates, each kept as a lookup item
 * ({@code pk = tenant#DUP#<kind>#<key>}, {@code sk = customerId}) in the customer's write transaction:
 * the mobile's national number (the same number entered with another country prefix), the email
 * without dots and +tags in its local part, and the name with the postcode.
 */
@Singleton
public class DuplicateKeys {
    public enum Kind {
        MOBILE("same mobile number without its country prefix"),
        EMAIL("same email address ignoring dots and +tags"),
        NAME_POSTCODE("same name and postcode");

        private final String reason;

        Kind(String reason) {
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    private final PhoneNumbers phones;

    public DuplicateKeys(PhoneNumbers phones) {
        this.phones = phones;
    }

    public Map<Kind, String> of(CustomerDraft draft) {
        Map<Kind, String> keys = new LinkedHashMap<>();
        if (draft == null) {
            return keys;
        }
        phones.nationalNumber(draft.mobile()).ifPresent(n -> keys.put(Kind.MOBILE, n));
        if (draft.email() != null) {
            keys.put(Kind.EMAIL, canonicalEmail(draft.email()));
        }
        if (draft.name() != null && draft.address() != null && draft.address().postalCode() != null) {
            keys.put(Kind.NAME_POSTCODE, CustomerKeys.searchable(draft.name()) + "|"
                    + draft.address().postalCode().replace(" ", "").toUpperCase(Locale.ROOT));
        }
        return keys;
    }

    public static String partition(String tenant, Kind kind, String key) {
        return tenant + "#DUP#" + kind.name() + "#" + key;
    }

    static String canonicalEmail(String email) {
        String normalized = EmailAddresses.normalize(email).orElse(email.toLowerCase(Locale.ROOT));
        int at = normalized.indexOf('@');
        String local = normalized.substring(0, at);
        int plus = local.indexOf('+');
        if (plus >= 0) {
            local = local.substring(0, plus);
        }
        return local.replace(".", "") + normalized.substring(at);
    }
}
