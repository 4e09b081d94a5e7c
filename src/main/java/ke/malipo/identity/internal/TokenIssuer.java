package ke.malipo.identity.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;

/** Issues signed API tokens that carry the user's id, name, email and role. */
@Component
class TokenIssuer {

	static final String ISSUER = "malipo";

	private final JwtEncoder encoder;

	private final IdentitySettings settings;

	private final Clock clock;

	TokenIssuer(JwtKeys keys, IdentitySettings settings, Clock clock) {
		this.encoder = new NimbusJwtEncoder(new ImmutableSecret<SecurityContext>(keys.signingKey()));
		this.settings = settings;
		this.clock = clock;
	}

	IssuedToken issue(User user) {
		Instant now = this.clock.instant();
		Instant expiresAt = now.plus(this.settings.tokenLifetime());
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer(ISSUER)
			.id(UUID.randomUUID().toString())
			.subject(user.id().toString())
			.issuedAt(now)
			.expiresAt(expiresAt)
			.claim("email", user.email())
			.claim("name", user.name())
			.claim("role", user.role().name())
			.build();
		JwsHeader header = JwsHeader.with(MacAlgorithm.HS256).type("JWT").build();
		String token = this.encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
		return new IssuedToken(token, expiresAt);
	}

	record IssuedToken(String value, Instant expiresAt) {
	}

}
