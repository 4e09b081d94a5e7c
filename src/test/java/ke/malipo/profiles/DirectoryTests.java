package ke.malipo.profiles;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import javax.imageio.ImageIO;

import ke.malipo.support.Api;
import ke.malipo.support.Api.Account;
import ke.malipo.support.MalipoIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Profiles and the directory over real HTTP (api.md "Booking additions"): a psychologist
 * writes their profile and photo, every signed-in person finds them by text, specialty,
 * language and where they work; bad input is named and nothing is half-written.
 */
@MalipoIntegrationTest
class DirectoryTests {

	@Autowired
	Api api;

	@LocalServerPort
	int port;

	private Map<String, Object> profile(String specialty, String language, String mode) {
		return Map.of("bio", "I work with adults.\nSessions in English or Kiswahili.", "specialties",
				List.of(specialty, "Grief", "grief", " "), "languages", List.of(language), "mode", mode, "location",
				"Westlands,   Nairobi", "licenceNumber", "KCPB/2024/0113");
	}

	private List<JsonNode> search(Account who, String query) {
		Api.Response found = this.api.get("/api/psychologists" + query, who.token());
		assertThat(found.status()).as(found.toString()).isEqualTo(200);
		return StreamSupport.stream(found.body().spliterator(), false).toList();
	}

	private static List<String> ids(List<JsonNode> entries) {
		return entries.stream().map((e) -> e.get("id").asString()).toList();
	}

	@Test
	void aWrittenProfileIsFoundByItsSpecialtyLanguageAndMode() {
		String specialty = "Specialty-" + UUID.randomUUID().toString().substring(0, 8);
		Account online = this.api.register("PSYCHOLOGIST", 2500L, "Dr Online " + specialty);
		Account inPerson = this.api.register("PSYCHOLOGIST", 3000L, "Dr Office " + specialty);
		Api.Response saved = this.api.call(HttpMethod.PUT, "/api/me/profile", online.token(),
				profile(specialty, "Kiswahili", "ONLINE"));
		assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
		assertThat(saved.body().get("specialties").toString()).as("trimmed, each once")
			.isEqualTo("[\"" + specialty + "\",\"Grief\"]");
		assertThat(saved.text("location")).isEqualTo("Westlands, Nairobi");
		assertThat(this.api
			.call(HttpMethod.PUT, "/api/me/profile", inPerson.token(), profile(specialty, "English", "IN_PERSON"))
			.status()).isEqualTo(200);

		Account client = this.api.client();
		assertThat(ids(search(client, "?specialty=" + specialty.toLowerCase()))).as("any case")
			.containsExactlyInAnyOrder(online.id().toString(), inPerson.id().toString());
		assertThat(ids(search(client, "?specialty=" + specialty + "&language=kiswahili")))
			.containsExactly(online.id().toString());
		assertThat(ids(search(client, "?q=" + specialty + "&mode=IN_PERSON")))
			.containsExactly(inPerson.id().toString());
		assertThat(ids(search(client, "?q=dr+office+" + specialty.toLowerCase()))).as("by name, any case")
			.contains(inPerson.id().toString())
			.doesNotContain(online.id().toString());
		JsonNode one = search(client, "?specialty=" + specialty + "&language=Kiswahili").get(0);
		assertThat(one.get("sessionRate").asLong()).isEqualTo(2500);
		assertThat(one.get("licenceNumber").asString()).isEqualTo("KCPB/2024/0113");
		assertThat(one.get("photoUrl").isNull()).isTrue();
		assertThat(this.api.get("/api/psychologists?mode=SOMEWHERE", client.token()).status()).isEqualTo(400);
		assertThat(this.api.get("/api/psychologists", null).status()).isEqualTo(401);
	}

	@Test
	void badProfilesAreNamedFieldByFieldAndNothingIsWritten() {
		Account psychologist = this.api.psychologist(2000);
		Api.Response bad = this.api.call(HttpMethod.PUT, "/api/me/profile", psychologist.token(),
				Map.of("bio", "x".repeat(2001), "mode", "SOMETIMES", "licenceNumber", "<script>", "specialties",
						List.of("y".repeat(41))));
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.toString()).contains("bio").contains("mode").contains("licenceNumber").contains("specialties");
		assertThat(this.api.get("/api/me/profile", psychologist.token()).text("bio")).isEmpty();
		Account client = this.api.client();
		assertThat(this.api.call(HttpMethod.PUT, "/api/me/profile", client.token(), profile("CBT", "English", "BOTH"))
			.status()).isEqualTo(403);
		assertThat(this.api.get("/api/me/profile", client.token()).status()).isEqualTo(403);
	}

	@Test
	void aPhotoIsCheckedByItsBytesAndKeptAsAFreshSquareJpeg() throws Exception {
		Account psychologist = this.api.psychologist(2000);
		Api.Response notAPicture = this.api.upload("/api/me/profile/photo", psychologist.token(), "me.png",
				"<svg onload=alert(1)>".getBytes(java.nio.charset.StandardCharsets.UTF_8));
		assertThat(notAPicture.status()).isEqualTo(400);
		assertThat(notAPicture.toString()).contains("JPEG or PNG");
		byte[] truncated = java.util.Arrays.copyOf(png(300, 200), 60);
		assertThat(this.api.upload("/api/me/profile/photo", psychologist.token(), "me.png", truncated).status())
			.isEqualTo(400);
		assertThat(this.api.upload("/api/me/profile/photo", psychologist.token(), "big.png", new byte[6 * 1024 * 1024])
			.status()).as("over 5 MB").isEqualTo(400);

		Api.Response saved = this.api.upload("/api/me/profile/photo", psychologist.token(), "me.png", png(300, 200));
		assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
		String url = saved.text("photoUrl");
		assertThat(url).isEqualTo("/api/psychologists/" + psychologist.id() + "/photo");

		HttpResponse<byte[]> photo = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + url))
				.header("Authorization", "Bearer " + this.api.client().token())
				.build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(photo.statusCode()).isEqualTo(200);
		assertThat(photo.headers().firstValue("Content-Type")).hasValue("image/jpeg");
		BufferedImage kept = ImageIO.read(new ByteArrayInputStream(photo.body()));
		assertThat(kept.getWidth()).isEqualTo(400);
		assertThat(kept.getHeight()).isEqualTo(400);
		assertThat(new String(photo.body(), java.nio.charset.StandardCharsets.ISO_8859_1)).as("no upload metadata")
			.doesNotContain("Secret comment");
		assertThat(
				this.api.get("/api/psychologists/" + this.api.psychologist(2000).id() + "/photo", psychologist.token())
					.status())
			.as("no photo")
			.isEqualTo(404);
	}

	/**
	 * A psychologist's profile and hours are theirs: in their data download, and gone
	 * with their account (the directory no longer lists them).
	 */
	@Test
	void aProfileAndHoursAreInTheDataDownloadAndGoWithTheAccount(
			@Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc) {
		Account psychologist = this.api.psychologist(2000);
		this.api.call(HttpMethod.PUT, "/api/me/profile", psychologist.token(), profile("Sleep", "Luo", "BOTH"));
		this.api.call(HttpMethod.PUT, "/api/me/availability", psychologist.token(),
				Map.of("hours", List.of(Map.of("day", "FRIDAY", "start", "08:00", "end", "12:00")), "timeOff",
						List.of(Map.of("from", "2027-02-01", "to", "2027-02-05", "note", "Leave"))));
		JsonNode data = this.api.get("/api/me/data", psychologist.token()).body();
		assertThat(data.get("profile").get("licenceNumber").asString()).isEqualTo("KCPB/2024/0113");
		assertThat(data.get("hours").toString()).contains("FRIDAY").contains("Leave");

		assertThat(this.api.post("/api/me/erasure", psychologist.token(), Map.of("password", Api.PASSWORD)).status())
			.isEqualTo(200);
		Account client = this.api.client();
		assertThat(ids(search(client, "?q=Sleep"))).doesNotContain(psychologist.id().toString());
		assertThat(jdbc.sql("select count(*) from profiles.profiles where psychologist_id = :id")
			.param("id", psychologist.id())
			.query(Integer.class)
			.single()).isZero();
		assertThat(jdbc.sql("select count(*) from booking.availability where psychologist_id = :id")
			.param("id", psychologist.id())
			.query(Integer.class)
			.single()).isZero();
	}

	/** A PNG with a text chunk that must not survive. */
	private static byte[] png(int width, int height) throws IOException {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImageIO.write(image, "png", out);
		byte[] plain = out.toByteArray();
		// Insert a tEXt chunk after the header chunk (8-byte signature + 25-byte IHDR).
		byte[] text = "Comment\0Secret comment".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
		java.nio.ByteBuffer chunk = java.nio.ByteBuffer.allocate(12 + text.length);
		chunk.putInt(text.length).put("tEXt".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).put(text);
		java.util.zip.CRC32 crc = new java.util.zip.CRC32();
		crc.update(chunk.array(), 4, 4 + text.length);
		chunk.putInt((int) crc.getValue());
		ByteArrayOutputStream withText = new ByteArrayOutputStream();
		withText.write(plain, 0, 33);
		withText.write(chunk.array());
		withText.write(plain, 33, plain.length - 33);
		return withText.toByteArray();
	}

}
