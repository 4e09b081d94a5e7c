package ke.malipo.support;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import ke.malipo.identity.Role;
import ke.malipo.identity.internal.Registration;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * A small HTTP client for API tests: real requests to the running application, answers as
 * status and JSON, never an exception for a 4xx or 5xx.
 */
public class Api {

	/** The password of every test account. */
	public static final String PASSWORD = "correct-horse-battery";

	private static final AtomicLong SEQUENCE = new AtomicLong();

	private final RestClient http;

	private final JsonMapper json;

	private final Registration registration;

	Api(RestClient http, JsonMapper json, Registration registration) {
		this.http = http;
		this.json = json;
		this.registration = registration;
	}

	/** A GET whose answer is not JSON (CSV, PDF as text): status, body and headers. */
	public TextResponse text(String path, String token) {
		return this.http.get()
			.uri(path)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange((req, res) -> new TextResponse(res.getStatusCode().value(),
					new String(res.getBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8),
					res.getHeaders()));
	}

	/** Uploads a file as the multipart field {@code file}, as a browser's form does. */
	public Response upload(String path, @Nullable String token, String fileName, byte[] content) {
		org.springframework.util.LinkedMultiValueMap<String, Object> parts = new org.springframework.util.LinkedMultiValueMap<>();
		parts.add("file", new org.springframework.core.io.ByteArrayResource(content) {

			@Override
			public String getFilename() {
				return fileName;
			}

		});
		RestClient.RequestBodySpec request = this.http.post()
			.uri(path)
			.accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON)
			.contentType(MediaType.MULTIPART_FORM_DATA);
		if (token != null) {
			request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
		}
		return request.body(parts).exchange((req, res) -> {
			String text = new String(res.getBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
			return new Response(res.getStatusCode().value(), text.isBlank() ? this.json.nullNode() : readOrText(text),
					res.getHeaders());
		});
	}

	/** A form post with no credentials, as a provider's callback comes. */
	public TextResponse form(String path, String form) {
		return this.http.post()
			.uri(path)
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(form)
			.exchange((req, res) -> new TextResponse(res.getStatusCode().value(),
					new String(res.getBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8),
					res.getHeaders()));
	}

	public Response get(String path, @Nullable String token) {
		return call(HttpMethod.GET, path, token, null);
	}

	public Response post(String path, @Nullable String token, @Nullable Object body) {
		return call(HttpMethod.POST, path, token, body);
	}

	public Response call(HttpMethod method, String path, @Nullable String token, @Nullable Object body) {
		return call(method, path, token, body, Map.of());
	}

	public Response call(HttpMethod method, String path, @Nullable String token, @Nullable Object body,
			Map<String, String> headers) {
		RestClient.RequestBodySpec request = this.http.method(method)
			.uri(path)
			.accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON);
		headers.forEach(request::header);
		if (token != null) {
			request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
		}
		if (body instanceof String raw) {
			request.contentType(MediaType.APPLICATION_JSON).body(raw);
		}
		else if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).body(this.json.writeValueAsString(body));
		}
		return request.exchange((req, res) -> {
			String text = new String(res.getBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
			JsonNode node = text.isBlank() ? this.json.nullNode() : readOrText(text);
			return new Response(res.getStatusCode().value(), node, res.getHeaders());
		});
	}

	/**
	 * The answer as JSON, or as one text node when it is not JSON (a PDF, a CSV file).
	 */
	private JsonNode readOrText(String text) {
		try {
			return this.json.readTree(text);
		}
		catch (tools.jackson.core.JacksonException ex) {
			return tools.jackson.databind.node.StringNode.valueOf(text);
		}
	}

	/** Registers a new account with a unique email and returns its sign-in. */
	public Account register(String role, @Nullable Long rate) {
		return register(role, rate, "Test " + role);
	}

	/** Registers a new account with this name and a unique email. */
	public Account register(String role, @Nullable Long rate, String name) {
		return register(role, rate, name,
				role.toLowerCase() + "-" + SEQUENCE.incrementAndGet() + "-" + UUID.randomUUID() + "@test.ke");
	}

	/** Registers a new account with this name and email. */
	public Account register(String role, @Nullable Long rate, String name, String email) {
		Map<String, Object> body = new java.util.HashMap<>(Map.of("name", name, "email", email, "password", PASSWORD,
				"phoneNumber", "0712 345 678", "role", role));
		if (rate != null) {
			body.put("sessionRate", rate);
		}
		Response registered = post("/api/auth/register", null, body);
		if (registered.status() != 201) {
			throw new IllegalStateException("Registration failed: " + registered);
		}
		return login(email, PASSWORD, UUID.fromString(registered.body().get("id").asString()));
	}

	public Account client() {
		return register("CLIENT", null);
	}

	public Account psychologist(long rate) {
		return register("PSYCHOLOGIST", rate);
	}

	/**
	 * A new admin (admins cannot register themselves), signed in; its password is the
	 * same as every test account's.
	 */
	public Account admin() {
		String email = "admin-" + SEQUENCE.incrementAndGet() + "-" + UUID.randomUUID() + "@test.ke";
		var created = this.registration
			.create(new Registration.NewAccount("Test Admin", email, "correct-horse-battery", null, Role.ADMIN, null));
		return login(email, "correct-horse-battery", created.id().value());
	}

	public Account login(String email, String password, UUID id) {
		Response login = post("/api/auth/login", null, Map.of("email", email, "password", password));
		if (login.status() != 200) {
			throw new IllegalStateException("Login failed: " + login);
		}
		return new Account(id, email, login.body().get("token").asString());
	}

	/** An answer that is not JSON. */
	public record TextResponse(int status, String body, HttpHeaders headers) {
	}

	/** An account and its bearer token. */
	public record Account(UUID id, String email, String token) {
	}

	/** An answer: status, JSON body (a null node when empty) and headers. */
	public record Response(int status, JsonNode body, HttpHeaders headers) {

		public String code() {
			return this.body.path("code").asString("");
		}

		public String text(String field) {
			return this.body.path(field).asString("");
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	public static class Configuration {

		@Bean
		@Lazy
		Api api(@Value("${local.server.port}") int port, JsonMapper json, Registration registration) {
			RestClient http = RestClient.builder().baseUrl("http://localhost:" + port).build();
			return new Api(http, json, registration);
		}

		@Bean
		RecordedEvents recordedEvents() {
			return new RecordedEvents();
		}

	}

}
