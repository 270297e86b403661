package com.customerhub.local;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The local stand-in for Cognito and API Gateway's JWT authorizer: an RS256 key pair made on first
 * start (kept in .local/), tokens signed with it, and validation as the authorizer does it (signature
 * by our key, issuer, audience, expiry), handing on the claims flattened the way HTTP APIs pass them.
 */
public final class LocalJwtIssuer {
    public static final String ISSUER = "http://localhost/customer-hub-local-issuer";
    public static final String AUDIENCE = "customer-hub-local";

    private final RSAKey key;
    private final Clock clock;

    private LocalJwtIssuer(RSAKey key, Clock clock) {
        this.key = key;
        this.clock = clock;
    }

    /** Loads the key pair from the file, or makes one and saves it there (owner-readable only). */
    public static LocalJwtIssuer loadOrCreate(Path keyFile, Clock clock) {
        try {
            if (Files.exists(keyFile)) {
                return new LocalJwtIssuer(RSAKey.parse(Files.readString(keyFile, StandardCharsets.UTF_8)), clock);
            }
            RSAKey key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256).generate();
            Files.createDirectories(keyFile.toAbsolutePath().getParent());
            Files.writeString(keyFile, key.toJSONString(), StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // best effort on other file systems
            }
            return new LocalJwtIssuer(key, clock);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("cannot read or make the local signing key " + keyFile, e);
        }
    }

    public String issue(String subject, String tenantId, List<String> groups, String contactClasses, Duration validity) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER).audience(AUDIENCE).subject(subject)
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plus(validity)))
                .jwtID(UUID.randomUUID().toString())
                .claim("token_use", "id")
                .claim("custom:tenantId", tenantId)
                .claim("cognito:groups", groups);
        if (contactClasses != null) {
            claims.claim("custom:contactClasses", contactClasses);
        }
        return sign(claims.build());
    }

    /** Signs arbitrary claims with the local key (tests use it to make expired or odd tokens). */
    public String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The claims of a valid bearer token, flattened to strings as HTTP APIs pass them; empty when
     * the token is missing, unsigned, signed by another key, expired, not yet valid, or for another
     * issuer or audience.
     */
    public Optional<Map<String, String>> verify(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        try {
            SignedJWT jwt = SignedJWT.parse(authorizationHeader.substring(7).strip());
            if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())
                    || !key.getKeyID().equals(jwt.getHeader().getKeyID())
                    || !jwt.verify(new RSASSAVerifier(key.toRSAPublicKey()))) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date now = Date.from(clock.instant());
            if (!ISSUER.equals(claims.getIssuer()) || claims.getAudience() == null || !claims.getAudience().contains(AUDIENCE)
                    || claims.getExpirationTime() == null || !claims.getExpirationTime().after(now)
                    || claims.getNotBeforeTime() != null && claims.getNotBeforeTime().after(now)) {
                return Optional.empty();
            }
            return Optional.of(flatten(claims));
        } catch (ParseException | JOSEException | ClassCastException e) {
            return Optional.empty();
        }
    }

    private static Map<String, String> flatten(JWTClaimsSet claims) {
        Map<String, String> flat = new LinkedHashMap<>();
        claims.getClaims().forEach((name, value) -> {
            if (value instanceof Collection<?> values) {
                flat.put(name, values.stream().map(String::valueOf).collect(Collectors.joining(" ", "[", "]")));
            } else if (value instanceof Date date) {
                flat.put(name, Long.toString(date.toInstant().getEpochSecond()));
            } else if (value != null) {
                flat.put(name, String.valueOf(value));
            }
        });
        return flat;
    }
}
