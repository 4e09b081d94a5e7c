package ke.malipo.identity.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import ke.malipo.common.money.Kes;
import ke.malipo.common.phone.Msisdn;
import ke.malipo.identity.Role;
import ke.malipo.identity.UserId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Accounts in {@code identity.users}. Emails are unique regardless of case. */
@Repository
public class UserRepository {

	private static final String COLUMNS = "id, name, email, password_hash, phone_number, role, session_rate, created_at";

	private final JdbcClient jdbc;

	UserRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Stores a new account.
	 * @throws org.springframework.dao.DuplicateKeyException when the email is taken
	 */
	public void insert(User user) {
		this.jdbc
			.sql("""
					insert into identity.users (id, name, email, password_hash, phone_number, role, session_rate, created_at)
					values (:id, :name, :email, :passwordHash, :phone, :role, :rate, :createdAt)
					""")
			.param("id", user.id().value())
			.param("name", user.name())
			.param("email", user.email())
			.param("passwordHash", user.passwordHash())
			.param("phone", (user.phoneNumber() != null) ? user.phoneNumber().value() : null)
			.param("role", user.role().name())
			.param("rate", (user.sessionRate() != null) ? user.sessionRate().shillings() : null)
			.param("createdAt", Timestamp.from(user.createdAt()))
			.update();
	}

	/**
	 * Changes what a person may change about themselves; erased accounts stay as they
	 * are.
	 */
	void updateDetails(UserId id, String name, @org.jspecify.annotations.Nullable String phone,
			@org.jspecify.annotations.Nullable Long rate) {
		this.jdbc.sql("""
				update identity.users set name = :name, phone_number = :phone, session_rate = :rate
				 where id = :id and erased_at is null
				""").param("id", id.value()).param("name", name).param("phone", phone).param("rate", rate).update();
	}

	public Optional<User> findByEmail(String email) {
		return this.jdbc.sql("select " + COLUMNS + " from identity.users where lower(email) = lower(:email)")
			.param("email", email)
			.query(UserRepository::map)
			.optional();
	}

	public Optional<User> findById(UserId id) {
		return this.jdbc.sql("select " + COLUMNS + " from identity.users where id = :id")
			.param("id", id.value())
			.query(UserRepository::map)
			.optional();
	}

	/** The accounts with these ids (missing ids are left out). */
	public List<User> findAllById(Collection<UserId> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("select " + COLUMNS + " from identity.users where id = any(:ids)")
			.param("ids", ids.stream().map(UserId::value).toArray(UUID[]::new))
			.query(UserRepository::map)
			.list();
	}

	/** The accounts of a role, erased ones left out. */
	public List<User> findByRole(Role role) {
		return this.jdbc
			.sql("select " + COLUMNS
					+ " from identity.users where role = :role and erased_at is null order by name, id")
			.param("role", role.name())
			.query(UserRepository::map)
			.list();
	}

	/**
	 * Ids of users whose name or email contains the text, ignoring case; LIKE's wildcards
	 * in the text match themselves.
	 */
	public List<UserId> idsMatching(String text, int limit) {
		String escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
		return this.jdbc
			.sql("select id from identity.users where name ilike :pattern or email ilike :pattern order by name, id "
					+ "limit :limit")
			.param("pattern", "%" + escaped + "%")
			.param("limit", limit)
			.query((rs, row) -> new UserId(rs.getObject("id", UUID.class)))
			.list();
	}

	/**
	 * Removes what names the person: name, email, phone and a password anyone could know.
	 * The id stays, as money records refer to it.
	 */
	void erase(UserId id, String unusablePasswordHash, Instant now) {
		this.jdbc.sql("""
				update identity.users set name = 'Erased user', email = 'erased-' || id || '@erased.invalid',
				  phone_number = null, password_hash = :hash, erased_at = :now
				 where id = :id
				""")
			.param("id", id.value())
			.param("hash", unusablePasswordHash)
			.param("now", Timestamp.from(now))
			.update();
	}

	/** Stores a new password hash. */
	void changePassword(UserId id, String passwordHash) {
		this.jdbc.sql("update identity.users set password_hash = :hash where id = :id and erased_at is null")
			.param("id", id.value())
			.param("hash", passwordHash)
			.update();
	}

	public Map<UserId, String> names(Collection<UserId> ids) {
		if (ids.isEmpty()) {
			return Map.of();
		}
		Map<UserId, String> names = new HashMap<>();
		this.jdbc.sql("select id, name from identity.users where id = any(:ids)")
			.param("ids", ids.stream().map(UserId::value).toArray(UUID[]::new))
			.query((rs) -> {
				names.put(new UserId(rs.getObject("id", UUID.class)), rs.getString("name"));
			});
		return names;
	}

	private static User map(ResultSet rs, int row) throws SQLException {
		String phone = rs.getString("phone_number");
		long rate = rs.getLong("session_rate");
		Kes sessionRate = rs.wasNull() ? null : Kes.of(rate);
		return new User(new UserId(rs.getObject("id", UUID.class)), rs.getString("name"), rs.getString("email"),
				rs.getString("password_hash"), (phone != null) ? Msisdn.parse(phone) : null,
				Role.valueOf(rs.getString("role")), sessionRate, rs.getTimestamp("created_at").toInstant());
	}

}
