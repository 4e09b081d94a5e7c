package ke.malipo.profiles.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import ke.malipo.identity.UserId;
import ke.malipo.profiles.PracticeMode;
import ke.malipo.profiles.PsychologistProfile;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Profiles as stored; the photo is read only when it is served. */
@Repository
class ProfileRepository {

	private static final String COLUMNS = "psychologist_id, bio, specialties, languages, mode, location, licence_number,"
			+ " photo is not null as has_photo, video_link";

	private final JdbcClient jdbc;

	ProfileRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<PsychologistProfile> find(UserId psychologist) {
		return this.jdbc.sql("select " + COLUMNS + " from profiles.profiles where psychologist_id = :id")
			.param("id", psychologist.value())
			.query(ProfileRepository::profile)
			.optional();
	}

	/** Every written profile, by psychologist: the directory is a few hundred at most. */
	Map<UserId, PsychologistProfile> all() {
		return this.jdbc.sql("select " + COLUMNS + " from profiles.profiles")
			.query(ProfileRepository::profile)
			.list()
			.stream()
			.collect(Collectors.toMap(PsychologistProfile::psychologist, Function.identity()));
	}

	/** Writes the text of a profile, keeping any photo. */
	void save(PsychologistProfile profile, Instant now) {
		this.jdbc.sql("""
				insert into profiles.profiles (psychologist_id, bio, specialties, languages, mode, location,
				  licence_number, video_link, updated_at)
				values (:id, :bio, :specialties, :languages, :mode, :location, :licence, :link, :now)
				on conflict (psychologist_id) do update set bio = excluded.bio, specialties = excluded.specialties,
				  languages = excluded.languages, mode = excluded.mode, location = excluded.location,
				  licence_number = excluded.licence_number, video_link = excluded.video_link,
				  updated_at = excluded.updated_at
				""")
			.param("id", profile.psychologist().value())
			.param("bio", profile.bio())
			.param("specialties", profile.specialties().toArray(String[]::new))
			.param("languages", profile.languages().toArray(String[]::new))
			.param("mode", profile.mode().name())
			.param("location", profile.location())
			.param("licence", profile.licenceNumber())
			.param("link", profile.videoLink())
			.param("now", Timestamp.from(now))
			.update();
	}

	void savePhoto(UserId psychologist, byte[] photo, String type, Instant now) {
		this.jdbc.sql("""
				insert into profiles.profiles (psychologist_id, photo, photo_type, updated_at)
				values (:id, :photo, :type, :now)
				on conflict (psychologist_id) do update set photo = excluded.photo, photo_type = excluded.photo_type,
				  updated_at = excluded.updated_at
				""")
			.param("id", psychologist.value())
			.param("photo", photo)
			.param("type", type)
			.param("now", Timestamp.from(now))
			.update();
	}

	/** The stored photo and its type. */
	record Photo(byte[] bytes, String contentType) {
	}

	Optional<Photo> photo(UserId psychologist) {
		return this.jdbc
			.sql("select photo, photo_type from profiles.profiles where psychologist_id = :id and photo is not null")
			.param("id", psychologist.value())
			.query((rs, row) -> new Photo(rs.getBytes("photo"), rs.getString("photo_type")))
			.optional();
	}

	void delete(UserId psychologist) {
		this.jdbc.sql("delete from profiles.profiles where psychologist_id = :id")
			.param("id", psychologist.value())
			.update();
	}

	private static PsychologistProfile profile(ResultSet rs, int row) throws SQLException {
		return new PsychologistProfile(new UserId(rs.getObject("psychologist_id", java.util.UUID.class)),
				rs.getString("bio"), strings(rs.getArray("specialties")), strings(rs.getArray("languages")),
				PracticeMode.valueOf(rs.getString("mode")), rs.getString("location"), rs.getString("licence_number"),
				rs.getBoolean("has_photo"), rs.getString("video_link"));
	}

	private static List<String> strings(Array array) throws SQLException {
		return Arrays.asList((String[]) array.getArray());
	}

}
